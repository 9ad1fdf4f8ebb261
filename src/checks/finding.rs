//! A finding: a stable code, a severity, what is wrong, what to do, the resources
//! involved, and the safe rewrite that fixes it, if there is one.

use serde::Serialize;

use super::codes::Code;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Info,
    Warning,
    /// eksctl will fail (or do harm) if run as asked.
    Error,
}

impl Severity {
    /// As the documents and the terminal say it (the serde name too).
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

impl std::fmt::Display for Severity {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A rewrite of the invocation that removes the finding's cause.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Fix {
    /// `--managed=false` (self-managed nodegroup; Outposts support only those).
    Unmanaged,
    /// Create the nodegroup in these subnets. `nodegroup`: its name in the config;
    /// `None` for the one nodegroup of a command without `-f` (`--subnet-ids`).
    PinSubnets {
        nodegroup: Option<String>,
        subnets: Vec<String>,
    },
    SplitCreateCluster {
        self_managed: Vec<String>,
    },
}

/// Said to people and CI systems by `crate::output` (the JSON documents' one finding
/// object is `output::json::FindingJson`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    pub code: Code,
    pub severity: Severity,
    pub message: String,
    pub remediation: String,
    /// The commands the remediation names, to paste as they are (none when it names none,
    /// or only commands with a part to fill in).
    pub commands: Vec<String>,
    pub resources: Vec<String>,
    /// The config's nodegroup the finding is about, when it is about one (annotations
    /// point at its line).
    pub nodegroup: Option<String>,
    pub fix: Option<Fix>,
}

impl Finding {
    pub fn new(
        code: Code,
        severity: Severity,
        message: impl Into<String>,
        remediation: impl Into<String>,
    ) -> Self {
        Finding {
            code,
            severity,
            message: message.into(),
            remediation: remediation.into(),
            commands: vec![],
            resources: vec![],
            nodegroup: None,
            fix: None,
        }
    }

    pub fn resources(mut self, ids: impl IntoIterator<Item = impl Into<String>>) -> Self {
        self.resources.extend(ids.into_iter().map(Into::into));
        self
    }

    pub fn commands(mut self, commands: impl IntoIterator<Item = String>) -> Self {
        self.commands.extend(commands);
        self
    }

    pub fn about(mut self, nodegroup: Option<&String>) -> Self {
        self.nodegroup = nodegroup.cloned();
        self
    }

    pub fn fix(mut self, fix: Fix) -> Self {
        self.fix = Some(fix);
        self
    }
}
