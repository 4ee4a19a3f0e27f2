//! `site.brand` and `site.icons`: what the theme sees of the coach's brand.

use serde::Serialize;

use crate::config::brand::{Brand, Fonts, NamedLink, image_path, palettes};
use crate::config::color::Palette;
use crate::config::{Author, BaseUrl, Link};

/// A CSS custom property for `site.brand.vars`.
#[derive(Debug, Serialize)]
pub struct CssVar {
    name: String,
    value: String,
}

/// `site.brand`.
#[derive(Debug, Serialize)]
pub struct BrandView {
    logo: Option<String>,
    photo: Option<String>,
    photo_alt: String,
    fonts: Fonts,
    links: Vec<NamedLink>,
    social: Vec<NamedLink>,
    cta: Option<Link>,
    vars: Vec<CssVar>,
    vars_dark: Vec<CssVar>,
}

/// `site.icons`: the icon set pages and the web manifest use; the logo when one is set.
#[derive(Debug, Serialize)]
pub struct Icons {
    custom: bool,
    svg: Option<String>,
    png: Option<String>,
    favicon: String,
    apple_touch: String,
    icon_192: String,
    icon_512: String,
    maskable: String,
    mime: &'static str,
    og_image: String,
    og_image_alt: String,
    og_image_width: Option<u32>,
    og_image_height: Option<u32>,
}

/// Builds `site.brand` and `site.icons`; paths were checked when the config loaded.
pub fn view(brand: &Brand, author: &Author, title: &str, base: &BaseUrl) -> (BrandView, Icons) {
    let file = |v: &Option<String>| v.as_deref().and_then(|v| image_path(None, v).ok());
    let site_url =
        |url: &str| crate::text::site_path(&base.path, url).unwrap_or_else(|| url.to_owned());
    let links = |list: &[NamedLink]| {
        list.iter()
            .map(|l| NamedLink {
                name: l.name.clone(),
                url: site_url(l.url.trim()),
            })
            .collect()
    };
    let vars = |p: Option<&Palette>, fonts: bool| {
        let mut out: Vec<CssVar> = p
            .map(|p| {
                p.vars
                    .iter()
                    .map(|(k, v)| CssVar {
                        name: format!("--{k}"),
                        value: v.clone(),
                    })
                    .collect()
            })
            .unwrap_or_default();
        if fonts {
            for (k, v) in [
                ("--font-body", &brand.fonts.body),
                ("--font-heading", &brand.fonts.heading),
            ] {
                if let Some(v) = v {
                    out.push(CssVar {
                        name: k.into(),
                        value: v.trim().to_owned(),
                    });
                }
            }
        }
        out
    };
    let palettes = palettes(&brand.colors);
    let logo = file(&brand.logo);
    let brand_view = BrandView {
        logo: logo.as_ref().map(|(p, _)| format!("{}{p}", base.path)),
        photo: file(&brand.photo).map(|(p, _)| format!("{}{p}", base.path)),
        photo_alt: author.name.trim().to_owned(),
        fonts: brand.fonts.clone(),
        links: links(&brand.links),
        social: links(&brand.social),
        cta: author
            .cta
            .as_ref()
            .filter(|c| !c.url.trim().is_empty())
            .map(|c| Link {
                label: if c.label.trim().is_empty() {
                    c.url.clone()
                } else {
                    c.label.clone()
                },
                url: site_url(c.url.trim()),
            }),
        vars: vars(palettes.as_ref().map(|p| &p.0), true),
        vars_dark: vars(palettes.as_ref().map(|p| &p.1), false),
    };
    let icons = match logo {
        Some((path, mime)) => {
            let url = format!("{}{path}", base.path);
            let name = if author.name.trim().is_empty() {
                title
            } else {
                author.name.trim()
            };
            Icons {
                custom: true,
                svg: (mime == "image/svg+xml").then(|| url.clone()),
                png: (mime != "image/svg+xml").then(|| url.clone()),
                favicon: url.clone(),
                apple_touch: url.clone(),
                icon_192: url.clone(),
                icon_512: url.clone(),
                maskable: url.clone(),
                mime,
                og_image: format!("{}{path}", base.url),
                og_image_alt: format!("{name} logo"),
                og_image_width: None,
                og_image_height: None,
            }
        }
        None => {
            let icon = |name: &str| format!("{}icons/{name}", base.path);
            Icons {
                custom: false,
                svg: Some(icon("icon.svg")),
                png: Some(icon("favicon-32.png")),
                favicon: icon("favicon-32.png"),
                apple_touch: icon("apple-touch-icon.png"),
                icon_192: icon("icon-192.png"),
                icon_512: icon("icon-512.png"),
                maskable: icon("icon-maskable-512.png"),
                mime: "image/png",
                og_image: format!("{}icons/og-image.png", base.url),
                og_image_alt: title.to_owned(),
                og_image_width: Some(1200),
                og_image_height: Some(630),
            }
        }
    };
    (brand_view, icons)
}
