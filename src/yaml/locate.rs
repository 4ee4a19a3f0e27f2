//! Finds where a nested key's value is written in YAML text (block or `{ flow }` style), so a
//! brand problem found after parsing can still point at its line and column.

use crate::diag::Position;

/// Position of the value of `path` (e.g. `["brand", "colors", "accent"]`), or of the deepest
/// key found when the value is empty. `None` when the top key is not in the text.
pub fn locate(source: &str, path: &[&str]) -> Option<Position> {
    find(source, path).0
}

/// The raw text after `key:` when the whole `path` is written in block style (`accent: #fff`
/// arrives as an empty value because YAML reads the rest as a comment; this sees it).
pub fn raw_value<'a>(source: &'a str, path: &[&str]) -> Option<&'a str> {
    match find(source, path) {
        (Some(p), true) => {
            let line = source.lines().nth(p.line - 1)?;
            let (_, value) = line.split_once(path.last()?)?;
            Some(value.trim_start().strip_prefix(':')?.trim())
        }
        _ => None,
    }
}

/// Position of the first occurrence of `text`.
pub fn find_text(source: &str, text: &str) -> Option<Position> {
    if text.is_empty() {
        return None;
    }
    source.find(text).map(|i| Position::at_offset(source, i, 1))
}

/// Position of the first line whose text starts with `key:` (after indentation): a top-level
/// or nested key when the path does not matter.
pub fn find_key(source: &str, key: &str) -> Option<Position> {
    source.lines().enumerate().find_map(|(i, line)| {
        let trimmed = line.trim_start();
        trimmed.strip_prefix(key)?.trim_start().strip_prefix(':')?;
        Some(Position {
            line: i + 1,
            column: line.len() - trimmed.len() + 1,
        })
    })
}

/// The first line matching `pred`, as a position at its first non-blank character.
pub fn find_line(text: &str, pred: impl Fn(&str) -> bool) -> Option<Position> {
    text.lines()
        .enumerate()
        .find(|(_, l)| pred(l))
        .map(|(i, l)| Position {
            line: i + 1,
            column: l.len() - l.trim_start().len() + 1,
        })
}

/// Where a dotted key is written under `strings:`: `tracker.start:` (maybe quoted), or its
/// last part when written nested.
pub fn strings_key(source: &str, key: &str) -> Option<Position> {
    let start = source
        .lines()
        .position(|l| l.trim_start().starts_with("strings:"))?;
    let last = key.rsplit('.').next().unwrap_or(key);
    let lines = || source.lines().enumerate().skip(start);
    let column = |line: &str, word: &str| {
        [
            format!("{word}:"),
            format!("\"{word}\":"),
            format!("'{word}':"),
        ]
        .iter()
        .find_map(|pat| line.find(pat.as_str()))
        .map(|i| line[..i].chars().count() + 1)
    };
    [key, last].iter().find_map(|word| {
        lines().find_map(|(i, l)| {
            column(l, word).map(|c| Position {
                line: i + 1,
                column: c,
            })
        })
    })
}

/// The best position for `path`, and whether the whole path was found.
fn find(source: &str, path: &[&str]) -> (Option<Position>, bool) {
    let lines: Vec<&str> = source.lines().collect();
    let mut from = 0;
    let mut parent_indent: Option<usize> = None;
    let mut last = None;
    for (depth, key) in path.iter().enumerate() {
        let Some((i, value)) = find_block_key(&lines, from, parent_indent, key) else {
            return (last, false);
        };
        let line = lines[i];
        last = Some(position(i, line, value));
        let rest = &line[value..];
        if depth + 1 < path.len() && rest.starts_with('{') {
            return match find_flow(rest, &path[depth + 1..]) {
                Some(column) => (Some(position(i, line, value + column)), true),
                None => (last, false),
            };
        }
        from = i + 1;
        parent_indent = Some(line.len() - line.trim_start().len());
    }
    (last, true)
}

fn position(line_index: usize, line: &str, byte: usize) -> Position {
    Position {
        line: line_index + 1,
        column: line[..byte.min(line.len())].chars().count() + 1,
    }
}

/// The line holding `key:` as a direct child of the block that starts at `from`, and the byte
/// offset of its value (or of the key when the value is empty).
fn find_block_key(
    lines: &[&str],
    from: usize,
    parent: Option<usize>,
    key: &str,
) -> Option<(usize, usize)> {
    let mut child = None;
    for (i, line) in lines.iter().enumerate().skip(from) {
        let trimmed = line.trim_start();
        if trimmed.is_empty() || trimmed.starts_with('#') {
            continue;
        }
        let indent = line.len() - trimmed.len();
        if parent.is_some_and(|p| indent <= p) {
            return None;
        }
        if indent != *child.get_or_insert(indent) {
            continue;
        }
        if let Some(after) = trimmed.strip_prefix(key)
            && let Some(value) = after.trim_start().strip_prefix(':')
        {
            let value = value.trim_start();
            let at = if value.is_empty() || value.starts_with('#') {
                indent
            } else {
                line.len() - value.len()
            };
            return Some((i, at));
        }
    }
    None
}

/// Byte offset in `text` (which starts with `{`) of the value of `path` inside the mapping.
fn find_flow(text: &str, path: &[&str]) -> Option<usize> {
    let (key, rest) = path.split_first()?;
    let mut depth = 0;
    let mut quote = None;
    let mut after_separator = false;
    for (i, c) in text.char_indices() {
        if let Some(q) = quote {
            if c == q {
                quote = None;
            }
            continue;
        }
        match c {
            '"' | '\'' => quote = Some(c),
            '{' | '[' => {
                depth += 1;
                after_separator = depth == 1;
                continue;
            }
            '}' | ']' => {
                depth -= 1;
                if depth == 0 {
                    return None;
                }
            }
            ',' if depth == 1 => {
                after_separator = true;
                continue;
            }
            c if c.is_whitespace() => continue,
            _ if after_separator && depth == 1 => {
                if let Some(value) = text[i..]
                    .strip_prefix(key)
                    .and_then(|a| a.trim_start().strip_prefix(':'))
                {
                    let value = value.trim_start();
                    let at = text.len() - value.len();
                    if rest.is_empty() {
                        return Some(at);
                    }
                    return value
                        .starts_with('{')
                        .then(|| find_flow(value, rest).map(|c| at + c))
                        .flatten();
                }
            }
            _ => {}
        }
        after_separator = false;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(source: &str, path: &[&str]) -> Option<(usize, usize)> {
        locate(source, path).map(|p| (p.line, p.column))
    }

    #[test]
    fn block_keys_point_at_the_value() {
        let yaml = "title: T\nbrand:\n  colors:\n    dark:\n      accent: \"#111\"\n    accent: \"#fff\"\n  logo: static/x.png\n";
        assert_eq!(at(yaml, &["brand", "colors", "accent"]), Some((6, 13)));
        assert_eq!(
            at(yaml, &["brand", "colors", "dark", "accent"]),
            Some((5, 15))
        );
        assert_eq!(at(yaml, &["brand", "logo"]), Some((7, 9)));
        assert_eq!(at(yaml, &["brand", "photo"]), Some((2, 1)));
        assert_eq!(at(yaml, &["nope"]), None);
    }

    #[test]
    fn unquoted_hash_is_seen_as_raw_text() {
        let yaml = "brand:\n  colors:   # mine\n    accent: #ffd400\n";
        assert_eq!(
            raw_value(yaml, &["brand", "colors", "accent"]),
            Some("#ffd400")
        );
        assert_eq!(raw_value(yaml, &["brand", "colors", "text"]), None);
    }

    #[test]
    fn flow_mappings_are_searched() {
        let yaml =
            "brand:\n  colors: { text: \"#000\", dark: { accent: \"#abc\" }, accent: \"#zz\" }\n";
        assert_eq!(at(yaml, &["brand", "colors", "accent"]), Some((2, 61)));
        assert_eq!(
            at(yaml, &["brand", "colors", "dark", "accent"]),
            Some((2, 43))
        );
        assert_eq!(at(yaml, &["brand", "colors", "text"]), Some((2, 19)));
    }

    #[test]
    fn keys_outside_the_block_are_not_found() {
        let yaml = "brand:\n  fonts: {}\nextra:\n  logo: x\n";
        assert_eq!(at(yaml, &["brand", "logo"]), Some((1, 1)));
    }
}
