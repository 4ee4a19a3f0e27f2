//! Reach Out: a static site generator for 7-day reach-out challenge websites.

pub mod config;
pub mod content;
pub mod error;
pub mod markdown;
pub mod yaml;
