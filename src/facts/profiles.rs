//! The profiles of the shared config files, to name a profile that is not there
//! (`--profile nosuch`, `AWS_PROFILE=nosuch`) as the cause of a failed read, with the
//! profiles that are. Only section names are read out: never a value, which may be a
//! credential.

use std::path::PathBuf;

/// A shared config file: `var` when set (as the SDK reads it), else `~/.aws/<name>`; and
/// how to say it (`~/.aws/config` for the default, the path as given otherwise).
fn file(var: &str, name: &str) -> (PathBuf, String) {
    match std::env::var_os(var).filter(|v| !v.is_empty()) {
        Some(path) => {
            let path = PathBuf::from(path);
            let said = path.display().to_string();
            (path, said)
        }
        None => (
            std::env::var_os("HOME")
                .map(PathBuf::from)
                .unwrap_or_default()
                .join(".aws")
                .join(name),
            format!("~/.aws/{name}"),
        ),
    }
}

/// The profile a section header names: in the config file `[profile p]` and `[default]`
/// (a bare `[p]` there counts too: a profile some tool reads is never said missing); in
/// the credentials file `[p]`. Other config
/// sections (`[sso-session s]`, `[services s]`) name no profile.
fn profile_of(header: &str, in_config: bool) -> Option<String> {
    let inner = header.trim().strip_prefix('[')?.strip_suffix(']')?;
    let words: Vec<&str> = inner.split_whitespace().collect();
    match (in_config, words.as_slice()) {
        (true, ["profile", p]) => Some(p.to_string()),
        (_, [p]) => Some(p.to_string()),
        _ => None,
    }
}

/// The profiles of one file's text, in order, each once.
fn profiles_in(text: &str, in_config: bool, out: &mut Vec<String>) {
    for p in text.lines().filter_map(|l| profile_of(l, in_config)) {
        if !out.contains(&p) {
            out.push(p);
        }
    }
}

/// The `region` a profile of the config file sets (`default` for no profile): the one
/// value read out of the files, for it is no secret.
pub fn region_of(profile: &str) -> Option<String> {
    let (path, _) = file("AWS_CONFIG_FILE", "config");
    let text = std::fs::read_to_string(path).ok()?;
    region_in(&text, profile)
}

fn region_in(text: &str, profile: &str) -> Option<String> {
    let mut inside = false;
    for line in text.lines() {
        let line = line.trim();
        if line.starts_with('[') {
            inside = profile_of(line, true).is_some_and(|p| p == profile);
        } else if inside {
            if let Some((key, value)) = line.split_once('=') {
                if key.trim() == "region" && !value.trim().is_empty() {
                    return Some(value.trim().to_string());
                }
            }
        }
    }
    None
}

/// A profile asked for that neither file has.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MissingProfile {
    pub name: String,
    /// How the two files are said (`~/.aws/config`, or `AWS_CONFIG_FILE`'s path).
    pub config: String,
    pub credentials: String,
    /// The profiles the files have.
    pub there: Vec<String>,
}

impl MissingProfile {
    /// `profile` (`--profile`, else `AWS_PROFILE`) when neither file has it; `None` when
    /// no profile was asked for or it is there.
    pub fn of(profile: Option<&str>) -> Option<MissingProfile> {
        let from_env = std::env::var("AWS_PROFILE").ok().filter(|p| !p.is_empty());
        let name = profile.or(from_env.as_deref())?;
        let (config_path, config) = file("AWS_CONFIG_FILE", "config");
        let (credentials_path, credentials) = file("AWS_SHARED_CREDENTIALS_FILE", "credentials");
        let mut there = vec![];
        for (path, in_config) in [(config_path, true), (credentials_path, false)] {
            if let Ok(text) = std::fs::read_to_string(path) {
                profiles_in(&text, in_config, &mut there);
            }
        }
        (!there.iter().any(|p| p == name)).then(|| MissingProfile {
            name: name.to_string(),
            config,
            credentials,
            there,
        })
    }

    pub fn remedy(&self) -> String {
        format!(
            "Give a profile that is there (--profile, AWS_PROFILE), or add it: `aws configure --profile {}`.",
            crate::plan::render::quote(&self.name)
        )
    }
}

impl std::fmt::Display for MissingProfile {
    /// `profile nosuch is not in ~/.aws/config or ~/.aws/credentials (profiles there: a, b)`.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "profile {} is not in {} or {} ",
            self.name, self.config, self.credentials
        )?;
        if self.there.is_empty() {
            f.write_str("(no profiles there)")
        } else {
            write!(f, "(profiles there: {})", self.there.join(", "))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_name_profiles_and_only_profiles() {
        let mut out = vec![];
        profiles_in(
            "[default]\nregion = x\n[profile a]\n[ profile  b ]\n[sso-session corp]\n[services s]\naws_secret_access_key = [x]\n",
            true,
            &mut out,
        );
        profiles_in("[b]\naws_access_key_id = AKIA\n[c]\n", false, &mut out);
        assert_eq!(out, ["default", "a", "b", "c"]);
    }

    #[test]
    fn a_profile_region_is_read_from_its_own_section() {
        let text = "[default]\nregion = us-east-1\n[profile a]\nregion=eu-west-1\n[profile b]\noutput = json\n";
        assert_eq!(region_in(text, "default").as_deref(), Some("us-east-1"));
        assert_eq!(region_in(text, "a").as_deref(), Some("eu-west-1"));
        assert_eq!(region_in(text, "b"), None);
        assert_eq!(region_in(text, "c"), None);
    }

    #[test]
    fn the_message_lists_the_profiles_there() {
        let m = MissingProfile {
            name: "nosuch".into(),
            config: "~/.aws/config".into(),
            credentials: "~/.aws/credentials".into(),
            there: vec!["a".into(), "b".into()],
        };
        assert_eq!(
            m.to_string(),
            "profile nosuch is not in ~/.aws/config or ~/.aws/credentials (profiles there: a, b)"
        );
    }
}
