use super::{Kind, kind};

pub const KINDS: &[Kind] = &[
    kind(
        "config-unknown-field",
        "the config has a field this eksctl does not know (eksctl parses strictly)",
        &[r#"json: unknown field "(?P<field>[^"]+)""#],
        "Either {field} is misspelt or misplaced, or the installed eksctl is older than that field: check `eksctl version` against the release that added it and upgrade eksctl.",
    ),
    kind(
        "config-not-a-mapping",
        "the config file does not parse as a ClusterConfig mapping",
        &[r"cannot unmarshal (?P<what>\w+) into Go value of type v1alpha5\.ClusterConfig"],
        "Check the YAML: indentation, tabs, stray characters before `apiVersion:`, and the file's encoding (UTF-8). `eksctl-shim` reports the line and column of syntax errors.",
    ),
    kind(
        "config-yaml-syntax",
        "the config file is not valid YAML",
        &[
            r"error converting YAML to JSON",
            r"yaml: line (?P<line>\d+)",
        ],
        "Fix the YAML at the line named (tabs and indentation are the usual cause).",
    ),
    kind(
        "config-type-mismatch",
        "a config value has the wrong type",
        &[
            r"cannot unmarshal (?P<what>\w+) into Go (?:struct field|value of type) (?P<field>[\w.\[\]]+)",
        ],
        "Fix the type of {field} in the config (for example quote a version: \"1.32\", or give a list where a list is expected).",
    ),
    kind(
        "flag-with-config-file",
        "a flag that must be in the config file was given together with -f",
        &[r"cannot use --(?P<flag>[\w-]+) when --config-file/-f is set"],
        "Put it in the config instead (metadata.name, metadata.region, the nodegroup's fields) and drop --{flag}.",
    ),
    kind(
        "filter-without-config-file",
        "a nodegroup filter was given without a config file",
        &[r"cannot use --(?P<flag>[\w-]+) unless a config file is specified"],
        "Use --{flag} together with -f <config>, or drop it.",
    ),
    kind(
        "flag-with-dry-run",
        "a flag that --dry-run refuses",
        &[r"cannot use --(?P<flag>[\w-]+) (?:with|when) --dry-run"],
        "Drop --{flag} for the dry run; add it back for the real run.",
    ),
    kind(
        "service-account-policy-required",
        "an IAM service account has no policy",
        &[r"iam\.serviceAccounts\[\d+\]\.wellKnownPolicies, .*must be set"],
        "Give the service account wellKnownPolicies, attachPolicyARNs or attachPolicy (or attachRoleARN for an existing role).",
    ),
    kind(
        "config-file-unreadable",
        "the config file could not be read",
        &[
            r"reading config file .*(?:no such file or directory|permission denied)",
            r#"loading config file "(?P<path>[^"]+)": .*(?:no such file or directory|is a directory|permission denied)"#,
        ],
        "Check the path given to -f and that it is a readable file.",
    ),
    kind(
        "unknown-flag",
        "eksctl does not know a flag",
        &[r"unknown (?:shorthand )?flag: (?P<flag>\S+)"],
        "Check the spelling of {flag} against `eksctl <command> --help`; it may belong to a newer eksctl.",
    ),
    kind(
        "unknown-command",
        "eksctl does not know a command",
        &[
            r#"unknown command "(?P<command>[^"]+)""#,
            r"please provide a valid resource for",
        ],
        "See `eksctl --help` for the commands of this version (`create nodegroups` is not one: it is `create nodegroup`).",
    ),
];
