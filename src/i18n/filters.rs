//! The template side of the strings: CLDR plural categories, the `fill` filter (placeholders and
//! plurals) and the `script_json` filter (groups of the table for a page's scripts).

use serde_json::{Map, Value};

/// The CLDR plural category of `n` in `lang` (the forms `Intl.PluralRules` gives for integers).
pub fn plural_category(lang: &str, n: i128) -> &'static str {
    let base = lang.split('-').next().unwrap_or("").to_ascii_lowercase();
    let n = n.unsigned_abs();
    let (m10, m100) = (n % 10, n % 100);
    match base.as_str() {
        "fr" | "hi" | "fa" | "bn" if n <= 1 => "one",
        "pt" if lang.eq_ignore_ascii_case("pt-PT") => {
            if n == 1 {
                "one"
            } else {
                "other"
            }
        }
        "pt" if n <= 1 => "one",
        "fr" | "hi" | "fa" | "bn" | "pt" => "other",
        "ja" | "zh" | "ko" | "th" | "vi" | "id" | "ms" | "tr" => "other",
        "ar" => match n {
            0 => "zero",
            1 => "one",
            2 => "two",
            _ if (3..=10).contains(&m100) => "few",
            _ if (11..=99).contains(&m100) => "many",
            _ => "other",
        },
        "he" => match n {
            1 => "one",
            2 => "two",
            _ => "other",
        },
        "ru" | "uk" | "be" | "sr" | "hr" | "bs" => {
            if m10 == 1 && m100 != 11 {
                "one"
            } else if (2..=4).contains(&m10) && !(12..=14).contains(&m100) {
                "few"
            } else {
                "many"
            }
        }
        "pl" => {
            if n == 1 {
                "one"
            } else if (2..=4).contains(&m10) && !(12..=14).contains(&m100) {
                "few"
            } else {
                "many"
            }
        }
        "cs" | "sk" => match n {
            1 => "one",
            2..=4 => "few",
            _ => "other",
        },
        _ => {
            if n == 1 {
                "one"
            } else {
                "other"
            }
        }
    }
}

/// The `fill` filter: `{{ t.day.of | fill(n=3, total=7) }}`. A plural picks its form by `count`
/// (or `n`) in the site's language; `{name}` takes the argument `name`. Table text is escaped;
/// an argument that is already safe HTML (a `{% set %}` block) goes in as it is.
pub fn fill(
    value: tera::Value,
    kwargs: tera::Kwargs,
    state: &tera::State,
) -> tera::TeraResult<tera::Value> {
    let count = kwargs.get::<i128>("count")?.or(kwargs.get::<i128>("n")?);
    let template = match value.as_map() {
        Some(forms) => {
            let lang = state
                .get::<tera::Value>("site")?
                .and_then(|s| {
                    s.get_from_path("language")
                        .and_then(|l| l.as_str().map(str::to_owned))
                })
                .unwrap_or_default();
            let category = plural_category(&lang, count.unwrap_or(0));
            let pick = |c: &str| {
                forms
                    .iter()
                    .find(|(k, _)| k.as_str() == Some(c))
                    .and_then(|(_, v)| v.as_str().map(str::to_owned))
            };
            pick(category).or_else(|| pick("other")).unwrap_or_default()
        }
        None => value
            .as_str()
            .map(str::to_owned)
            .ok_or_else(|| tera::Error::message("`fill` needs a text or a plural from `t`"))?,
    };
    let escape = |s: &str| {
        if state.autoescaping_enabled() {
            crate::text::escape_html(s)
        } else {
            s.to_owned()
        }
    };
    let mut out = escape(&template);
    for (key, arg) in kwargs.iter() {
        let Some(name) = key.as_str() else { continue };
        let text = match arg.as_str() {
            Some(s) if arg.is_safe() => s.to_owned(),
            Some(s) => escape(s),
            None => escape(&arg.to_string()),
        };
        out = out.replace(&format!("{{{name}}}"), &text);
    }
    Ok(tera::Value::safe_string(&out))
}

/// The `script_json` filter: `{{ t | script_json(only=["people", "calendar"]) }}` prints those
/// groups of the table as JSON that can never close the `<script type="application/json">`
/// element it is printed in.
pub fn script_json(
    value: tera::Value,
    kwargs: tera::Kwargs,
    _: &tera::State,
) -> tera::TeraResult<tera::Value> {
    let only = kwargs.get::<tera::Value>("only")?;
    let keep: Vec<String> = only
        .as_ref()
        .and_then(|v| v.as_array())
        .map(|a| {
            a.iter()
                .filter_map(|x| x.as_str().map(str::to_owned))
                .collect()
        })
        .unwrap_or_default();
    let all = serde_json::to_value(&value).map_err(|e| tera::Error::message(e.to_string()))?;
    let picked: Map<String, Value> = keep
        .iter()
        .filter_map(|k| all.get(k).map(|v| (k.clone(), v.clone())))
        .collect();
    Ok(tera::Value::safe_string(&crate::text::script_safe(
        &Value::Object(picked),
    )))
}
