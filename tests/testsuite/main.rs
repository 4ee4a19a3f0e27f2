//! Integration tests of `reachout`, one module per feature.
//!
//! Every test copies one small site from `tests/fixtures/<scenario>/` into a temporary folder
//! (see [`support::fixture`]) and builds there; fixtures are never written to. Pages are
//! compared inside `<main>` only, so the theme's header and footer can change freely.

mod brand;
mod build;
mod cli;
mod cms;
mod collisions;
mod config;
mod default_content;
mod docs;
mod drafts;
mod errors;
mod front_matter;
mod fuzz;
mod i18n;
mod languages;
mod layering;
mod links;
mod output;
mod page_weight;
mod pagination;
mod publish;
mod pwa;
mod release;
mod scaffold;
mod serve;
mod settings;
mod soak;
mod support;
mod tasks;
mod theme;
mod tracker;
