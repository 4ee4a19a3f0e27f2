//! Every output path has one owner: two sources published at the same address would overwrite
//! each other, the later silently winning (`about.md` and `about/_index.md`, a
//! `content/index.html` and the home page, `content/es/about.md` and `about.es.md`...).

use std::collections::HashMap;
use std::path::Path;

use crate::diag::Diagnostic;
use crate::output::Body;
use crate::render::Localized;

/// Who publishes a file.
enum Owner<'a> {
    /// A file of the site or its theme.
    File(&'a Path),
    /// Made by reachout (the sitemap, the 404 page, a section's page when it has no `_index.md`).
    Made(String),
    /// A page published at this output: its file, or the section page made for a folder
    /// without `_index.md`. Which one is only asked (a file system look-up) on a collision.
    Page(&'a Path, &'a str),
}

impl<'a> Owner<'a> {
    /// A [`Owner::Page`] as the file it was written in, or the page reachout makes.
    fn settled(&self) -> Owner<'a> {
        match *self {
            Owner::Page(file, _) if file.is_file() => Owner::File(file),
            Owner::Page(_, output) => {
                let folder = output.trim_end_matches("index.html");
                Owner::Made(format!("the page reachout makes for the folder {folder}"))
            }
            Owner::File(file) => Owner::File(file),
            Owner::Made(ref what) => Owner::Made(what.clone()),
        }
    }

    fn describe(&self) -> String {
        match self {
            Owner::File(path) => path.display().to_string(),
            Owner::Made(what) => what.clone(),
            Owner::Page(..) => self.settled().describe(),
        }
    }
}

/// One problem for each output path claimed by more than one source, at the later source.
/// `made` lists the files reachout writes itself besides the pages.
pub fn collisions(
    editions: &[Localized],
    statics: &std::collections::BTreeMap<String, Body>,
    made: &[String],
) -> Vec<Diagnostic> {
    let mut owners: HashMap<&str, Owner<'_>> = HashMap::new();
    let mut problems = Vec::new();
    let mut claims: Vec<(&str, Owner<'_>)> = Vec::new();
    for name in made {
        claims.push((name, Owner::Made(format!("the {name} reachout writes"))));
    }
    // Content's other files are published once, from the main language.
    if let Some((main, _)) = editions.first() {
        for asset in &main.assets {
            claims.push((&asset.output, Owner::File(&asset.file)));
        }
    }
    // The later parts of a long section's list (view::pager); owned strings, kept here.
    let mut parts: Vec<(String, String)> = Vec::new();
    for (site, _) in editions {
        for (i, page) in site.pages.iter().enumerate() {
            let owner = Owner::Page(&page.page.file, &page.output);
            claims.push((&page.output, owner));
            for part in 2..=crate::view::pager::parts(site, i) {
                let what = format!("page {part} of the list reachout makes for {}", page.url);
                parts.push((crate::view::pager::output(&page.output, part), what));
            }
        }
    }
    for (path, what) in &parts {
        claims.push((path, Owner::Made(what.clone())));
    }
    for (path, body) in statics {
        let owner = match body {
            Body::File(file) => Owner::File(file),
            _ => Owner::Made(format!("the theme's {path}")),
        };
        claims.push((path, owner));
    }
    for (path, owner) in claims {
        match owners.get(path) {
            Some(first) => problems.push(collision(path, &first.settled(), &owner.settled())),
            None => {
                owners.insert(path, owner);
            }
        }
    }
    problems
}

fn collision(path: &str, first: &Owner<'_>, second: &Owner<'_>) -> Diagnostic {
    // Both are settled: files or made outputs.
    let at = match (second, first) {
        (Owner::File(file), _) | (_, Owner::File(file)) => file.to_path_buf(),
        _ => path.into(),
    };
    Diagnostic::new(
        at,
        format!(
            "{} and {} are both published at {path}: one would overwrite the other",
            first.describe(),
            second.describe()
        ),
    )
    .hint("rename or move one of them, so that each address holds one file")
}
