//! Links written in `site.yaml`: the menu and the brand's footer and social links, whose
//! `@/page.md` entries are resolved like links in Markdown, in the page's language.

use crate::config::{BaseUrl, Config, MenuItem};
use crate::diag::Diagnostic;
use crate::markdown::{Resolve, Target};
use crate::yaml::SourceMap;
use crate::yaml::locate::find_text;

use super::{Links, Resolved};

/// The URL of a link written in `site.yaml`: `@/page.md#anchor` resolved, a site path under
/// the base path, anything else as written; `Err` says why an `@/` link is broken.
fn url(written: &str, base: &BaseUrl, links: &Links) -> Result<String, String> {
    if let Some(key) = written.strip_prefix("@/") {
        let (key, anchor) = key.split_once('#').map_or((key, ""), |(k, a)| (k, a));
        let target = links.resolve(key)?;
        Ok(if anchor.is_empty() {
            target.url
        } else {
            format!("{}#{anchor}", target.url)
        })
    } else if let Some(path) = crate::text::site_path(&base.path, written) {
        Ok(path)
    } else {
        Ok(written.to_owned())
    }
}

/// A broken `@/` link in `site.yaml`, pointing at where it is written.
fn broken(site_yaml: &SourceMap, what: String, written: &str, why: &str, hint: &str) -> Diagnostic {
    let message = format!("{what}: broken link `{written}`: {why}");
    site_yaml
        .diagnostic(message, find_text(site_yaml.text(), written))
        .hint(hint)
}

/// The header menu with its URLs resolved.
pub(super) fn menu(
    config: &Config,
    base: &BaseUrl,
    links: &Links,
    problems: &mut Vec<Diagnostic>,
) -> Vec<MenuItem> {
    config
        .menu
        .iter()
        .map(|item| {
            let url = url(&item.url, base, links).unwrap_or_else(|why| {
                problems.push(broken(
                    &config.source,
                    format!("menu entry `{}`", item.name),
                    &item.url,
                    &why,
                    "menu links to pages are written @/path/from/content.md, e.g. @/days/_index.md",
                ));
                item.url.clone()
            });
            MenuItem {
                name: item.name.clone(),
                url,
            }
        })
        .collect()
}

/// Resolves `@/` entries of `brand.links` and `brand.social` to site paths (the brand's view
/// puts the base path in front of those).
pub(super) fn brand_links(
    config: &mut Config,
    base: &BaseUrl,
    links: &Links,
    problems: &mut Vec<Diagnostic>,
) {
    let brand = &mut config.brand;
    for (key, list) in [("links", &mut brand.links), ("social", &mut brand.social)] {
        for link in list.iter_mut().filter(|l| l.url.trim().starts_with("@/")) {
            let written = link.url.trim().to_owned();
            match url(&written, base, links) {
                Ok(resolved) => {
                    let path = resolved.strip_prefix(&base.path).unwrap_or(&resolved);
                    link.url = format!("/{path}");
                }
                Err(why) => problems.push(broken(
                    &config.source,
                    format!("`brand.{key}` entry `{}`", link.name),
                    &written,
                    &why,
                    "links to pages are written @/path/from/content.md, e.g. @/about.md",
                )),
            }
        }
    }
}

/// A language without its own menu names each entry after the page it links to.
pub(super) fn name_by_titles(
    menu: &mut [MenuItem],
    config: &Config,
    links: &Links,
    pages: &[Resolved],
) {
    for (item, written) in menu.iter_mut().zip(&config.menu) {
        let Some(key) = written.url.strip_prefix("@/") else {
            continue;
        };
        let key = key.split_once('#').map_or(key, |(k, _)| k);
        if let Ok(Target { page: Some(i), .. }) = links.resolve(key) {
            item.name = pages[i].page.title.clone();
        }
    }
}
