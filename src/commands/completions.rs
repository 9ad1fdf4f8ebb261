//! `eksctl-shim completions SHELL`: the completion script clap_complete writes from the
//! CLI's own definitions, with one repair for bash.
//!
//! clap_complete's bash script names its states two ways when the binary's name has a
//! hyphen: the loop over the words reaches `eksctl__shim__subcmd__check`, the arms of
//! the `case` are labelled `eksctl__subcmd__shim__subcmd__check`, so no arm matches and
//! `eksctl-shim check --ou<TAB>` offers nothing (clap-rs/clap#6421, open in 4.6.12; zsh
//! and fish are not affected). Written for a name without the hyphen, both spellings
//! agree; the script is then registered for the real name. The completion function reads
//! the command word from its arguments, so nothing else depends on the name.

use std::io::Write;

use clap_complete::Shell;

const NAME: &str = "eksctl-shim";
/// The name bash's script is written for: `NAME` with no hyphen.
const BASH_NAME: &str = "eksctl_shim";

/// Written whole into memory first: clap_complete panics on a write error, and a closed
/// stdout is the reader's choice, not a bug.
pub fn write(shell: Shell, cmd: &mut clap::Command, out: &mut dyn Write) -> std::io::Result<()> {
    let mut script = vec![];
    if shell == Shell::Bash {
        clap_complete::generate(shell, cmd, BASH_NAME, &mut script);
        script = register_as_name(&String::from_utf8_lossy(&script)).into_bytes();
    } else {
        clap_complete::generate(shell, cmd, NAME, &mut script);
    }
    out.write_all(&script)
}

/// The script with its `complete -F _eksctl_shim ... eksctl_shim` lines registering the
/// function for `eksctl-shim` instead (the function keeps its name).
fn register_as_name(script: &str) -> String {
    script
        .lines()
        .map(|line| match line.trim_start().starts_with("complete ") {
            true => match line.strip_suffix(&format!(" {BASH_NAME}")) {
                Some(head) => format!("{head} {NAME}\n"),
                None => format!("{line}\n"),
            },
            false => format!("{line}\n"),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_bash_script_is_registered_for_the_real_name_only() {
        let script = register_as_name(
            "_eksctl_shim() {\n  cmd=\"eksctl_shim\"\n}\n    complete -F _eksctl_shim -o nosort -o bashdefault -o default eksctl_shim\n",
        );
        assert!(script.contains(
            "complete -F _eksctl_shim -o nosort -o bashdefault -o default eksctl-shim\n"
        ));
        assert!(script.contains("cmd=\"eksctl_shim\""));
    }
}
