//! A site's own `static/admin/config.yml` compared with the content model: a field the model
//! lacks would be written into front matter the strict parser refuses, and a required field
//! the form does not ask for (or lets be empty) would save a page that does not build.

use std::path::Path;

use serde_yaml::Value;

use super::model::{self, Field, Kind, Widget};
use crate::diag::{Diagnostic, Position, closest};

/// The problems of the config file at `file`.
pub fn file(file: &Path) -> Vec<Diagnostic> {
    match std::fs::read_to_string(file) {
        Ok(source) => text(&source, file),
        Err(e) => vec![Diagnostic::new(
            file,
            format!("cannot read the editor's config: {e}"),
        )],
    }
}

/// What a collection's form is checked against.
enum Model {
    Page(Kind),
    Site,
}

impl Model {
    fn fields(&self) -> Vec<Field> {
        match self {
            Model::Page(kind) => model::fields(*kind),
            Model::Site => model::site_fields(),
        }
    }
    fn unshown(&self) -> &'static [&'static str] {
        match self {
            Model::Page(_) => &model::UNSHOWN,
            Model::Site => &model::SITE_UNSHOWN,
        }
    }
    fn what(&self) -> String {
        match self {
            Model::Page(Kind::Index) => "an _index.md page's front matter".into(),
            Model::Page(kind) => format!("the front matter of {}", kind.name()),
            Model::Site => "site.yaml".into(),
        }
    }
}

/// Which model a folder or file of the site is, from its path.
fn model_of(path: &str) -> Option<Model> {
    let path = path.trim_matches('/');
    if path == crate::config::CONFIG_FILE {
        return Some(Model::Site);
    }
    let rest = path.strip_prefix("content")?;
    let name = rest.rsplit('/').next().unwrap_or("");
    if name.starts_with("_index.") {
        return Some(Model::Page(Kind::Index));
    }
    let section = rest.trim_start_matches('/').split('/').next().unwrap_or("");
    Some(Model::Page(match section {
        "days" => Kind::Day,
        "myths" => Kind::Myth,
        "messages" => Kind::Message,
        _ => Kind::Page,
    }))
}

/// The problems of config text `source` that came from `file`.
pub fn text(source: &str, file: &Path) -> Vec<Diagnostic> {
    let top: Value = match crate::yaml::parse(source, file, source, 1) {
        Ok(v) => v,
        Err(d) => return vec![d],
    };
    let mut finder = Finder { source, cursor: 0 };
    let mut problems = Vec::new();
    let collections = top.get("collections").and_then(Value::as_sequence);
    for collection in collections.into_iter().flatten() {
        let name = collection.get("name").and_then(Value::as_str).unwrap_or("");
        let at = finder.name(name);
        if let Some(folder) = collection.get("folder").and_then(Value::as_str)
            && let Some(model) = model_of(folder)
        {
            let fields = collection.get("fields").and_then(Value::as_sequence);
            check_form(&mut finder, file, at, name, &model, fields, &mut problems);
            // The folder's `_index.md`, when the config gives it a form of its own.
            let index = collection.get("index_file").and_then(|i| i.get("fields"));
            if let Some(fields) = index.and_then(Value::as_sequence) {
                let index = Model::Page(Kind::Index);
                check_form(
                    &mut finder,
                    file,
                    at,
                    name,
                    &index,
                    Some(fields),
                    &mut problems,
                );
            }
        }
        for item in collection
            .get("files")
            .and_then(Value::as_sequence)
            .into_iter()
            .flatten()
        {
            let item_name = item.get("name").and_then(Value::as_str).unwrap_or("");
            let at = finder.name(item_name).or(at);
            let path = item.get("file").and_then(Value::as_str).unwrap_or("");
            if let Some(model) = model_of(path) {
                let fields = item.get("fields").and_then(Value::as_sequence);
                check_form(
                    &mut finder,
                    file,
                    at,
                    item_name,
                    &model,
                    fields,
                    &mut problems,
                );
            }
        }
    }
    for d in &mut problems {
        if let Some(p) = d.position {
            *d = d.clone().at(p, source);
        }
    }
    problems
}

/// Compares one form (`fields`, written at `at`) with `model`'s fields, nested objects too.
fn check_form(
    finder: &mut Finder<'_>,
    file: &Path,
    at: Option<Position>,
    collection: &str,
    model: &Model,
    fields: Option<&Vec<Value>>,
    problems: &mut Vec<Diagnostic>,
) {
    let what = model.what();
    let form = Form {
        collection,
        what: &what,
        expected: &model.fields(),
        unshown: model.unshown(),
    };
    compare(finder, file, at, &form, fields, problems);
}

/// A form and the model it is checked against.
struct Form<'a> {
    collection: &'a str,
    /// The model's name in messages.
    what: &'a str,
    expected: &'a [Field],
    /// Keys the model takes that no form shows.
    unshown: &'a [&'a str],
}

fn compare(
    finder: &mut Finder<'_>,
    file: &Path,
    at: Option<Position>,
    form: &Form<'_>,
    fields: Option<&Vec<Value>>,
    problems: &mut Vec<Diagnostic>,
) {
    let Form {
        collection,
        what,
        expected,
        ..
    } = *form;
    let problem = |at: Option<Position>, message: String, hint: String| {
        let d = Diagnostic::new(file, message).hint(hint);
        match at {
            Some(p) => d.at(p, ""),
            None => d,
        }
    };
    let known: Vec<&str> = expected
        .iter()
        .map(|f| f.name)
        .chain(form.unshown.iter().copied())
        .collect();
    let fields = fields.map(Vec::as_slice).unwrap_or_default();
    for field in fields {
        let name = field.get("name").and_then(Value::as_str).unwrap_or("");
        let place = finder.name(name).or(at);
        let Some(model) = expected.iter().find(|f| f.name == name) else {
            if !known.contains(&name) {
                let hint = match closest(name, known.iter().copied()) {
                    Some(near) => format!("did you mean `{near}`? Otherwise remove the field"),
                    None => format!("remove the field; {what} has: {}", known.join(", ")),
                };
                problems.push(problem(
                    place,
                    format!(
                        "collection `{collection}` has a field `{name}`, which {what} does not have: \
                         a save from the editor would not build"
                    ),
                    hint,
                ));
            }
            continue;
        };
        let optional = field.get("required").and_then(Value::as_bool) == Some(false);
        if model.required && optional {
            problems.push(problem(
                place,
                format!("collection `{collection}` lets `{name}` be empty, but reachout needs it"),
                "remove `required: false` from the field".into(),
            ));
        }
        if let Widget::Select(allowed) = &model.widget {
            for option in field
                .get("options")
                .and_then(Value::as_sequence)
                .into_iter()
                .flatten()
            {
                let value = option.get("value").unwrap_or(option);
                let value = value.as_str().unwrap_or("");
                if !allowed.iter().any(|a| a == value) {
                    problems.push(problem(
                        place,
                        format!("`{name}` offers `{value}`, which reachout does not know"),
                        format!("keep to {}", allowed.join(", ")),
                    ));
                }
            }
        }
        if let Widget::Object(inner) = &model.widget {
            let nested = field.get("fields").and_then(Value::as_sequence);
            let what = format!("`{name}` in {what}");
            let inner = Form {
                collection,
                what: &what,
                expected: inner,
                unshown: &[],
            };
            compare(finder, file, place, &inner, nested, problems);
        }
    }
    // `body` is no key of the front matter; a form without it only keeps the text as it is.
    for model in expected.iter().filter(|f| f.required && f.name != "body") {
        let present = fields
            .iter()
            .any(|f| f.get("name").and_then(Value::as_str) == Some(model.name));
        if !present {
            problems.push(problem(
                at,
                format!(
                    "collection `{collection}` has no field `{}`, which {what} needs: \
                     a page created in the editor would not build",
                    model.name
                ),
                format!(
                    "add `- {{ name: {}, label: \"{}\", widget: string }}` to its fields",
                    model.name, model.label
                ),
            ));
        }
    }
}

/// Finds `name: VALUE` lines in document order, the way the collections are walked.
struct Finder<'a> {
    source: &'a str,
    cursor: usize,
}

impl Finder<'_> {
    /// Position of the next `name: value` at or after the cursor (or anywhere, when the
    /// config writes a name after its fields), moving the cursor there.
    fn name(&mut self, value: &str) -> Option<Position> {
        if value.is_empty() {
            return None;
        }
        let found = find_name(&self.source[self.cursor..], value)
            .map(|at| at + self.cursor)
            .or_else(|| find_name(self.source, value))?;
        self.cursor = found + 1;
        Some(Position::at_offset(self.source, found, 1))
    }
}

/// Byte offset of the first `name:` key whose value is `value` (plain or quoted).
fn find_name(text: &str, value: &str) -> Option<usize> {
    let mut from = 0;
    while let Some(i) = text[from..].find("name:") {
        let at = from + i;
        from = at + 5;
        let before = text[..at].chars().next_back();
        if before.is_some_and(|c| c.is_alphanumeric() || c == '_') {
            continue;
        }
        let rest = text[from..].trim_start_matches([' ', '\t']);
        let rest = rest.strip_prefix(['"', '\'']).unwrap_or(rest);
        if let Some(after) = rest.strip_prefix(value)
            && !after
                .chars()
                .next()
                .is_some_and(|c| c.is_alphanumeric() || c == '_' || c == '-')
        {
            return Some(at);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn problems(yaml: &str) -> Vec<Diagnostic> {
        text(yaml, Path::new("static/admin/config.yml"))
    }

    #[test]
    fn the_generated_config_passes() {
        let config = crate::config::Config::parse(
            "title: T\nlanguages:\n  es: {}\n",
            Path::new("site.yaml"),
        )
        .unwrap();
        let yaml = super::super::config::generate(&config, None, "/");
        assert_eq!(problems(&yaml), vec![]);
    }

    #[test]
    fn an_unknown_field_is_pointed_at() {
        let found = problems(
            "collections:\n  - name: days\n    folder: content/days\n    fields:\n      - { name: title, widget: string }\n      - { name: day, widget: number }\n      - { name: goal, widget: string }\n      - { name: gaol, widget: string }\n",
        );
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(
            found[0].position,
            Some(Position {
                line: 8,
                column: 11
            })
        );
        assert!(found[0].hint.as_deref().unwrap().contains("`goal`"));
    }

    #[test]
    fn a_missing_required_field_and_a_wrong_choice() {
        let found = problems(
            "collections:\n  - name: messages\n    folder: content/messages\n    fields:\n      - name: title\n      - name: channel\n        widget: select\n        options: [email, fax]\n",
        );
        assert_eq!(found.len(), 2, "{found:?}");
        assert!(found[0].message.contains("`fax`"));
        assert!(found[1].message.contains("no field `situation`"));
        assert_eq!(found[1].position.map(|p| p.line), Some(2));
    }
}
