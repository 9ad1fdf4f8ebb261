//! The config file and the command line, as eksctl reads and validates them.

use super::{FailureKind, Family, kind};

const F: Family = Family::Config;

pub const KINDS: &[FailureKind] = &[
    kind(
        F,
        "config-unknown-field",
        "the config has a field this eksctl does not know (eksctl parses strictly)",
        &[r#"json: unknown field "(?P<field>[^"]+)""#],
        "Either {field} is misspelt or misplaced, or the installed eksctl is older than that field: check `eksctl version` against the release that added it and upgrade eksctl.",
    ),
    kind(
        F,
        "config-not-a-mapping",
        "the config file does not parse as a ClusterConfig mapping",
        &[
            r"cannot unmarshal (?:JSON )?(?P<what>\w+) into Go (?:value of type |type )?v1alpha5\.ClusterConfig",
        ],
        "Check the YAML: indentation, tabs, stray characters before `apiVersion:`, and the file's encoding (UTF-8). `eksctl-shim` reports the line and column of syntax errors.",
    ),
    kind(
        F,
        "config-yaml-syntax",
        "the config file is not valid YAML",
        &[
            r"error converting YAML to JSON",
            r"yaml: line (?P<line>\d+)",
        ],
        "Fix the YAML at the line named (tabs and indentation are the usual cause).",
    ),
    kind(
        F,
        "config-type-mismatch",
        "a config value has the wrong type",
        &[
            r"cannot unmarshal (?:JSON )?(?P<what>\w+) into Go (?:struct field |value of type |type )?(?P<field>[\w.\[\]*]+)",
            r#"into Go (?:value of type |type )?(?P<field>\S+) within "(?P<path>/[^"]*)""#,
        ],
        "Fix the type of {field}[[ (at {path})]] in the config: a mapping where a mapping is expected (metadata, vpc, each nodegroup), a list where a list is expected, a quoted string for versions (\"1.32\").",
    ),
    kind(
        F,
        "config-file-unreadable",
        "the config file could not be read",
        &[
            r"reading config file .*(?:no such file or directory|permission denied|is a directory)",
            r#"loading config file "(?P<path>[^"]+)": .*(?:no such file or directory|is a directory|permission denied)"#,
        ],
        "Check the path given to -f and that it is a readable file.",
    ),
    kind(
        F,
        "flag-with-config-file",
        "a flag that must be in the config file was given together with -f",
        &[r"cannot use (?:--)?(?P<flag>[\w-]+) when --config-file/-f is set"],
        "Put it in the config instead (metadata.name, metadata.region, the nodegroup's fields) and drop --{flag}.",
    ),
    kind(
        F,
        "filter-without-config-file",
        "a nodegroup filter was given without a config file",
        &[r"cannot use --(?P<flag>[\w-]+) unless a config file is specified"],
        "Use --{flag} together with -f <config>, or drop it.",
    ),
    kind(
        F,
        "filter-matches-nothing",
        "--include/--exclude (or a name) selects no nodegroup of the config file",
        &[
            r"no \w+s match include glob filter specification",
            r"nodegroup (?:with name )?\S+ not found in (?:the )?config file",
            r"should be excluded, but matches include filter",
        ],
        "Compare the globs with the nodegroup names in the file (`eksctl create nodegroup -f <file> --dry-run` prints what is selected); names are case-sensitive.",
    ),
    kind(
        F,
        "flag-with-dry-run",
        "a flag that --dry-run refuses",
        &[r"cannot use --(?P<flag>[\w-]+) (?:with|when) --dry-run"],
        "Drop --{flag} for the dry run; add it back for the real run.",
    ),
    kind(
        F,
        "flag-for-other-nodegroup-type",
        "a flag that only managed (or only self-managed) nodegroups take",
        &[
            r"is not supported for Managed Nodegroups \(--managed=true\)",
            r"is only valid with (?:un)?managed nodegroups",
        ],
        "Drop the flag, or switch the nodegroup type: --managed=false makes a self-managed nodegroup (managed is the default).",
    ),
    kind(
        F,
        "subnets-and-zones",
        "a nodegroup was given both subnets and availability zones",
        &[
            r"only one of \S+\.subnets or \S+\.availabilityZones should be set",
            r"vpc\.subnets and availabilityZones cannot be set at the same time",
        ],
        "Keep one: subnets pin the nodegroup exactly (their zones follow), availabilityZones (--node-zones) let eksctl choose. Also on the command line: --subnet-ids with --node-zones is refused.",
    ),
    kind(
        F,
        "invalid-name",
        "a cluster, nodegroup or stack name is not allowed (letters, digits and hyphens, starting with a letter)",
        &[
            r"name must satisfy regular expression pattern",
            r"(?i)'stackName' failed to satisfy constraint",
            r"Member must satisfy regular expression pattern: \[a-zA-Z\]",
        ],
        "Rename it: a letter first, then letters, digits and hyphens (no underscores or dots), short enough that the stack name (eksctl-CLUSTER-nodegroup-NODEGROUP) stays within 128 characters.",
    ),
    kind(
        F,
        "service-account-policy-required",
        "an IAM service account has no policy",
        &[
            r"\.wellKnownPolicies, \S*\.attachPolicyARNs,? ?(?:\S*\.attachRoleARN)? *or \S*\.attachPolicy must be set",
        ],
        "Give the service account wellKnownPolicies, attachPolicyARNs or attachPolicy (or attachRoleARN for an existing role).",
    ),
    kind(
        F,
        "unknown-flag",
        "eksctl does not know a flag, or a flag lacks its value",
        &[
            r"unknown (?:shorthand )?flag: (?P<flag>\S+)",
            r"flag needs an argument: (?P<flag>\S+)",
        ],
        "Check {flag} against `eksctl <command> --help`; it may belong to a newer eksctl, or need a value (`--flag value`).",
    ),
    kind(
        F,
        "unknown-command",
        "eksctl does not know a command",
        &[
            r#"unknown command "(?P<command>[^"]+)""#,
            r"please provide a valid resource for",
        ],
        "See `eksctl --help` for the commands of this version (`create nodegroups` is not one: it is `create nodegroup`).",
    ),
    kind(
        F,
        "two-names",
        "more than one name was given on the command line",
        &[
            r"only one argument is allowed to be used as a name",
            r"=\S* and argument \S+ cannot be used at the same time",
        ],
        "Give the name once: either as the argument or with --name (--cluster), and quote values that contain spaces.",
    ),
];
