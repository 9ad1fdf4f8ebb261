//! eksctl's version as `eksctl version` prints it: `0.230.0`, `0.230.0-rc.0`,
//! `0.99.0-dev+c9ab02d87.2022-05-17T20:04:34Z`, or the JSON form of `-o json`.

use std::fmt;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EksctlVersion {
    pub major: u32,
    pub minor: u32,
    pub patch: u32,
    /// `rc.0`, `dev`, ...: the behaviour matrix goes by the release it belongs to.
    pub pre: Option<String>,
}

impl EksctlVersion {
    /// Parses the first line of `eksctl version` output (with or without a leading `v`).
    pub fn parse(text: &str) -> Option<EksctlVersion> {
        let line = text.lines().map(str::trim).find(|l| !l.is_empty())?;
        if line.starts_with('{') {
            return Self::parse_json(line);
        }
        let line = line.strip_prefix('v').unwrap_or(line);
        let (core, rest) = match line.find(['-', '+']) {
            Some(i) => (&line[..i], Some(&line[i..])),
            None => (line, None),
        };
        let mut parts = core.split('.').map(|p| p.parse::<u32>());
        let (major, minor, patch) = (
            parts.next()?.ok()?,
            parts.next()?.ok()?,
            parts.next()?.ok()?,
        );
        if parts.next().is_some() {
            return None;
        }
        let pre = rest
            .and_then(|r| r.strip_prefix('-'))
            .map(|r| r.split('+').next().unwrap_or("").to_string())
            .filter(|p| !p.is_empty());
        Some(EksctlVersion {
            major,
            minor,
            patch,
            pre,
        })
    }

    fn parse_json(line: &str) -> Option<EksctlVersion> {
        let v: serde_json::Value = serde_json::from_str(line).ok()?;
        let mut parsed = Self::parse(v.get("Version")?.as_str()?)?;
        parsed.pre = v
            .get("PreReleaseID")
            .and_then(|p| p.as_str())
            .filter(|p| !p.is_empty())
            .map(str::to_string);
        Some(parsed)
    }

    pub fn triple(&self) -> (u32, u32, u32) {
        (self.major, self.minor, self.patch)
    }

    pub fn at_least(&self, minor: u32) -> bool {
        self.triple() >= (0, minor, 0)
    }
}

impl fmt::Display for EksctlVersion {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}.{}.{}", self.major, self.minor, self.patch)?;
        if let Some(pre) = &self.pre {
            write!(f, "-{pre}")?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn release_rc_dev_and_json() {
        let v = EksctlVersion::parse("0.230.0\n").unwrap();
        assert_eq!((v.triple(), v.pre.as_deref()), ((0, 230, 0), None));
        let v = EksctlVersion::parse("0.230.0-rc.0").unwrap();
        assert_eq!((v.triple(), v.pre.as_deref()), ((0, 230, 0), Some("rc.0")));
        let v = EksctlVersion::parse("0.99.0-dev+c9ab02d87.2022-05-17T20:04:34Z").unwrap();
        assert_eq!((v.triple(), v.pre.as_deref()), ((0, 99, 0), Some("dev")));
        let v = EksctlVersion::parse(r#"{"Version":"0.231.0","PreReleaseID":"dev","Metadata":{"BuildDate":"x","GitCommit":"y"}}"#).unwrap();
        assert_eq!((v.triple(), v.pre.as_deref()), ((0, 231, 0), Some("dev")));
        assert_eq!(
            EksctlVersion::parse("v0.176.0").unwrap().triple(),
            (0, 176, 0)
        );
    }

    #[test]
    fn garbage_is_none() {
        for s in [
            "",
            "eksctl",
            "0.1",
            "1.2.3.4",
            "a.b.c",
            "Error: unknown command",
        ] {
            assert_eq!(EksctlVersion::parse(s), None, "{s:?}");
        }
    }

    #[test]
    fn matrix_boundaries() {
        assert!(!EksctlVersion::parse("0.176.9").unwrap().at_least(177));
        assert!(EksctlVersion::parse("0.177.0-rc.0").unwrap().at_least(177));
    }
}
