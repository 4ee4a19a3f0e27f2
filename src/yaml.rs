//! Strict YAML parsing shared by `site.yaml` and front matter: serde errors become
//! [`Diagnostic`]s that point at the real line of the file and suggest the closest key.

use std::path::Path;

use serde::Deserialize;
use serde::de::DeserializeOwned;

use crate::error::{Diagnostic, Position, closest};

/// Parses `yaml`, which starts on line `first_line` of `file` (whose full text is `source`).
pub fn parse<T: DeserializeOwned>(
    yaml: &str,
    file: &Path,
    source: &str,
    first_line: usize,
) -> Result<T, Diagnostic> {
    // An empty document is an empty mapping, so a file with only `---\n---` gets the usual
    // "missing field" message instead of an obscure "invalid type: unit".
    let yaml = if yaml.trim().is_empty() { "{}" } else { yaml };
    serde_yaml::from_str(yaml).map_err(|err| to_diagnostic(&err, file, source, first_line))
}

fn to_diagnostic(
    err: &serde_yaml::Error,
    file: &Path,
    source: &str,
    first_line: usize,
) -> Diagnostic {
    let full = err.to_string();
    // serde_yaml appends " at line L column C"; we print the position our own way.
    let message = match full.find(" at line ") {
        Some(i) => full[..i].to_owned(),
        None => full.clone(),
    };
    let message = message
        .strip_prefix(": ")
        .map(str::to_owned)
        .unwrap_or(message);
    let mut diagnostic = Diagnostic::new(file, message.clone());
    if let Some(loc) = err.location() {
        let position = Position {
            line: first_line + loc.line() - 1,
            column: loc.column(),
        };
        diagnostic = diagnostic.at(position, source);
    }
    if let Some(hint) = hint_for(&message) {
        diagnostic = diagnostic.hint(hint);
    }
    diagnostic
}

/// Turns serde's "unknown field/variant `x`, expected one of `a`, `b`" into a suggestion.
fn hint_for(message: &str) -> Option<String> {
    let (what, rest) = if let Some(i) = message.find("unknown field `") {
        ("key", &message[i + "unknown field `".len()..])
    } else if let Some(rest) = message
        .find("unknown variant `")
        .map(|i| &message[i + "unknown variant `".len()..])
    {
        ("value", rest)
    } else if message.contains("missing field `") {
        return Some("add this field; see README.md for the fields each file takes".into());
    } else if message.contains("invalid type") {
        return Some(
            "check the value's type; quote text that looks like a number or yes/no".into(),
        );
    } else {
        return None;
    };
    let word = rest.split('`').next()?;
    let valid: Vec<&str> = rest
        .split_once("expected")
        .map(|(_, list)| list.split('`').skip(1).step_by(2).collect())
        .unwrap_or_default();
    if valid.is_empty() {
        return Some(format!("this {what} is not allowed here"));
    }
    Some(match closest(word, valid.iter().copied()) {
        Some(best) => format!("did you mean `{best}`? (valid: {})", valid.join(", ")),
        None if what == "key" => format!(
            "valid keys: {}; free-form data goes under `extra`",
            valid.join(", ")
        ),
        None => format!("valid values: {}", valid.join(", ")),
    })
}

/// Reads an empty YAML value (`extra:` with nothing after it) as the type's default.
pub fn nullable<'de, D, T>(deserializer: D) -> Result<T, D::Error>
where
    D: serde::Deserializer<'de>,
    T: serde::Deserialize<'de> + Default,
{
    Ok(Option::<T>::deserialize(deserializer)?.unwrap_or_default())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Sample {
        title: String,
        day: Option<u32>,
        #[serde(default, deserialize_with = "nullable")]
        extra: serde_json::Map<String, serde_json::Value>,
    }

    fn parse_sample(yaml: &str) -> Result<Sample, Diagnostic> {
        let source = format!("---\n{yaml}---\n");
        parse(yaml, Path::new("x.md"), &source, 2)
    }

    #[test]
    fn unknown_key_points_at_real_line_and_suggests() {
        let err = parse_sample("title: A\ntitel: B\n").unwrap_err();
        assert_eq!(err.position.map(|p| p.line), Some(3));
        assert_eq!(err.source_line.as_deref(), Some("titel: B"));
        assert!(err.hint.unwrap().contains("did you mean `title`"));
    }

    #[test]
    fn empty_values_mean_defaults() {
        let s = parse_sample("title: A\nextra:\n").unwrap();
        assert!(s.extra.is_empty());
    }

    #[test]
    fn wrong_type_is_explained() {
        let err = parse_sample("title: A\nday: three\n").unwrap_err();
        assert!(err.message.contains("invalid type"), "{}", err.message);
        assert_eq!(err.position.map(|p| p.line), Some(3));
    }

    #[test]
    fn missing_field_is_named() {
        let err = parse_sample("day: 1\n").unwrap_err();
        assert!(
            err.message.contains("missing field `title`"),
            "{}",
            err.message
        );
    }

    // YAML 1.1 parsers read these as false, true and octal; we must keep what the author wrote.
    #[test]
    fn yaml_1_1_surprises_stay_strings_in_extra() {
        let s = parse_sample(
            "title: A\nextra:\n  country: NO\n  answer: y\n  zip: \"01234\"\n  on: on\n",
        )
        .unwrap();
        assert_eq!(s.extra["country"], "NO");
        assert_eq!(s.extra["answer"], "y");
        assert_eq!(s.extra["zip"], "01234");
        assert_eq!(s.extra["on"], "on");
    }
}
