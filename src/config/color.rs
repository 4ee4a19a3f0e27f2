//! Colour maths for the coach's brand: hex parsing, WCAG 2.x relative luminance and contrast,
//! and the theme palette derived from an accent so text keeps AA contrast whatever it is.

use std::fmt;

/// An opaque sRGB colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rgb(pub u8, pub u8, pub u8);

/// Black, the darker of the two colours text on an accent can take.
pub const BLACK: Rgb = Rgb(0, 0, 0);
/// White, the lighter of the two.
pub const WHITE: Rgb = Rgb(255, 255, 255);

/// WCAG AA minimum for normal text.
pub const AA_TEXT: f64 = 4.5;
/// WCAG AA minimum for user-interface components and graphics (outlines, focus rings).
pub const AA_UI: f64 = 3.0;

impl Rgb {
    /// Parses a CSS hex colour, `#rgb` or `#rrggbb`; the alpha forms are refused because a
    /// see-through colour has no contrast of its own.
    pub fn parse(text: &str) -> Result<Rgb, String> {
        let hex = text
            .strip_prefix('#')
            .ok_or_else(|| format!("`{text}` is not a hex colour: it must start with #"))?;
        if !hex.chars().all(|c| c.is_ascii_hexdigit()) {
            return Err(format!(
                "`{text}` is not a hex colour: use only 0-9 and a-f after #"
            ));
        }
        let digit = |i: usize| u8::from_str_radix(&hex[i..=i], 16).unwrap_or(0);
        let pair = |i: usize| u8::from_str_radix(&hex[i..i + 2], 16).unwrap_or(0);
        match hex.len() {
            3 => Ok(Rgb(digit(0) * 17, digit(1) * 17, digit(2) * 17)),
            6 => Ok(Rgb(pair(0), pair(2), pair(4))),
            4 | 8 => Err(format!(
                "`{text}` has transparency: a see-through colour has no contrast of its own"
            )),
            _ => Err(format!(
                "`{text}` is not a hex colour: write #rgb or #rrggbb, e.g. #0e6b6b"
            )),
        }
    }

    /// Relative luminance per WCAG 2.x (sRGB linearised, then weighted 0.2126/0.7152/0.0722).
    pub fn luminance(self) -> f64 {
        let linear = |c: u8| {
            let c = f64::from(c) / 255.0;
            // WCAG 2.0 wrote 0.03928; the sRGB standard's 0.04045 gives the same result for
            // every 8-bit value.
            if c <= 0.04045 {
                c / 12.92
            } else {
                ((c + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * linear(self.0) + 0.7152 * linear(self.1) + 0.0722 * linear(self.2)
    }

    /// `self` moved towards `other` by `t` (0 = self, 1 = other), in sRGB.
    pub fn mix(self, other: Rgb, t: f64) -> Rgb {
        let t = t.clamp(0.0, 1.0);
        let channel =
            |a: u8, b: u8| (f64::from(a) + (f64::from(b) - f64::from(a)) * t).round() as u8;
        Rgb(
            channel(self.0, other.0),
            channel(self.1, other.1),
            channel(self.2, other.2),
        )
    }

    /// True for colours closer to black than to white in contrast (dark backgrounds).
    pub fn is_dark(self) -> bool {
        contrast(self, WHITE) > contrast(self, BLACK)
    }

    /// Black or white, whichever contrasts more with `self`: at least 4.58:1 for any colour.
    pub fn on(self) -> Rgb {
        if self.is_dark() { WHITE } else { BLACK }
    }
}

impl fmt::Display for Rgb {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "#{:02x}{:02x}{:02x}", self.0, self.1, self.2)
    }
}

/// Contrast ratio per WCAG 2.x, from 1 (same) to 21 (black on white), order-independent.
pub fn contrast(a: Rgb, b: Rgb) -> f64 {
    let (la, lb) = (a.luminance(), b.luminance());
    (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
}

/// The lowest contrast of `fg` against any of `backgrounds`.
pub fn worst(fg: Rgb, backgrounds: &[Rgb]) -> f64 {
    backgrounds
        .iter()
        .map(|b| contrast(fg, *b))
        .fold(f64::INFINITY, f64::min)
}

/// `fg`, or the nearest shade of it (towards black on light backgrounds, white on dark ones)
/// that reaches `target` against every one of `backgrounds`.
pub fn readable(fg: Rgb, backgrounds: &[Rgb], target: f64) -> Rgb {
    let towards = backgrounds.first().map_or(BLACK, |b| b.on());
    (0..=50)
        .map(|step| fg.mix(towards, f64::from(step) / 50.0))
        .find(|c| worst(*c, backgrounds) >= target)
        .unwrap_or(towards)
}

/// The theme's own colours for one scheme, as in themes/default/templates/vars.css.
#[derive(Debug, Clone, Copy)]
pub struct Defaults {
    /// `--bg`.
    pub bg: Rgb,
    /// `--surface` (cards).
    pub surface: Rgb,
    /// `--surface-2` (code, quotes).
    pub surface2: Rgb,
    /// `--border`.
    pub border: Rgb,
    /// `--text`.
    pub text: Rgb,
    /// `--muted`.
    pub muted: Rgb,
    /// `--focus`.
    pub focus: Rgb,
}

/// The light scheme's defaults.
pub const LIGHT: Defaults = Defaults {
    bg: Rgb(0xfa, 0xf8, 0xf5),
    surface: Rgb(0xff, 0xff, 0xff),
    surface2: Rgb(0xf1, 0xed, 0xe6),
    border: Rgb(0xd9, 0xd3, 0xc9),
    text: Rgb(0x1d, 0x21, 0x25),
    muted: Rgb(0x56, 0x60, 0x6b),
    focus: Rgb(0xb8, 0x43, 0x0f),
};

/// The dark scheme's defaults.
pub const DARK: Defaults = Defaults {
    bg: Rgb(0x14, 0x17, 0x1a),
    surface: Rgb(0x1c, 0x20, 0x24),
    surface2: Rgb(0x25, 0x2a, 0x30),
    border: Rgb(0x3a, 0x41, 0x48),
    text: Rgb(0xe9, 0xe6, 0xe1),
    muted: Rgb(0xa9, 0xb1, 0xba),
    focus: Rgb(0xfd, 0xba, 0x74),
};

/// One scheme's CSS custom properties, derived from the coach's colours.
#[derive(Debug, Clone, PartialEq)]
pub struct Palette {
    /// `(name without --, value)` in output order.
    pub vars: Vec<(&'static str, String)>,
    /// The accent's contrast on the background, as the coach chose it.
    pub accent_ratio: f64,
    /// The colour links and outlines use: the accent, or a shade of it that reaches 4.5:1.
    pub accent_text: Rgb,
    /// `accent_text`'s lowest contrast on the scheme's backgrounds.
    pub accent_text_ratio: f64,
    /// The text colour's contrast on the background.
    pub text_ratio: f64,
}

/// Derives a scheme from an accent and optional background and text colours.
pub fn palette(d: &Defaults, accent: Rgb, bg: Option<Rgb>, text: Option<Rgb>) -> Palette {
    let background = bg.unwrap_or(d.bg);
    let fg = text.unwrap_or(d.text);
    let dark = background.is_dark();
    let (surface, surface2, border) = match bg {
        Some(b) => (
            b.mix(WHITE, if dark { 0.04 } else { 0.6 }),
            b.mix(fg, 0.06),
            b.mix(fg, 0.2),
        ),
        None => (d.surface, d.surface2, d.border),
    };
    let backgrounds = [background, surface, surface2];
    let muted = if bg.is_some() || text.is_some() {
        readable(fg.mix(background, 0.3), &backgrounds, AA_TEXT)
    } else {
        d.muted
    };
    let on_accent = accent.on();
    // The hover fill moves away from the text on it, so that text only gains contrast.
    let accent_strong = accent.mix(on_accent.on(), if dark { 0.25 } else { 0.15 });
    // A tint of the accent behind body and muted text (badges, reframes): more background
    // until both read on it.
    let accent_soft = (0..=20)
        .map(|step| accent.mix(background, 0.8 + f64::from(step) / 100.0))
        .find(|s| worst(*s, &[fg, muted]) >= AA_TEXT)
        .unwrap_or(background);
    let accent_text = readable(
        accent,
        &[background, surface, surface2, accent_soft],
        AA_TEXT,
    );
    let mut vars = vec![
        ("accent", accent.to_string()),
        ("on-accent", on_accent.to_string()),
        ("accent-strong", accent_strong.to_string()),
        ("accent-text", accent_text.to_string()),
        ("accent-soft", accent_soft.to_string()),
    ];
    if bg.is_some() {
        vars.push(("bg", background.to_string()));
        vars.push(("surface", surface.to_string()));
        vars.push(("surface-2", surface2.to_string()));
        vars.push(("border", border.to_string()));
        vars.push(("focus", readable(d.focus, &backgrounds, AA_UI).to_string()));
    }
    if text.is_some() {
        vars.push(("text", fg.to_string()));
    }
    if bg.is_some() || text.is_some() {
        vars.push(("muted", muted.to_string()));
        vars.push(("task-box", muted.to_string()));
    }
    Palette {
        vars,
        accent_ratio: contrast(accent, background),
        accent_text,
        accent_text_ratio: worst(accent_text, &[background, surface, surface2, accent_soft]),
        text_ratio: contrast(fg, background),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hex(s: &str) -> Rgb {
        Rgb::parse(s).unwrap()
    }

    #[test]
    fn parses_short_and_long_hex() {
        assert_eq!(hex("#fff"), WHITE);
        assert_eq!(hex("#0E6b6B"), Rgb(0x0e, 0x6b, 0x6b));
        assert_eq!(hex("#0e6b6b").to_string(), "#0e6b6b");
        for bad in ["fff", "#ggg", "#12345", "#", "#0e6b6b80", "#fffa", "red"] {
            assert!(Rgb::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn luminance_matches_wcag_reference_values() {
        assert_eq!(BLACK.luminance(), 0.0);
        assert!((WHITE.luminance() - 1.0).abs() < 1e-12);
        // Pure primaries are their weights.
        assert!((Rgb(255, 0, 0).luminance() - 0.2126).abs() < 1e-12);
        assert!((Rgb(0, 255, 0).luminance() - 0.7152).abs() < 1e-12);
        // #777777: ((0.4667 + 0.055) / 1.055)^2.4 = 0.18448.
        assert!((hex("#777").luminance() - 0.18448).abs() < 1e-4);
        // The linear segment below 0.04045: 10 / 255 / 12.92.
        assert!((Rgb(10, 10, 10).luminance() - 10.0 / 255.0 / 12.92).abs() < 1e-12);
    }

    #[test]
    fn contrast_matches_known_ratios() {
        let round = |x: f64| (x * 100.0).round() / 100.0;
        assert_eq!(round(contrast(BLACK, WHITE)), 21.0);
        assert_eq!(round(contrast(WHITE, WHITE)), 1.0);
        // WebAIM's checker: #777 on white is 4.48:1, #767676 is 4.54:1.
        assert_eq!(round(contrast(hex("#777"), WHITE)), 4.48);
        assert_eq!(round(contrast(WHITE, hex("#767676"))), 4.54);
        assert_eq!(round(contrast(hex("#ffd400"), hex("#faf8f5"))), 1.35);
    }

    #[test]
    fn on_accent_is_black_or_white_and_always_readable() {
        assert_eq!(hex("#ffd400").on(), BLACK);
        assert_eq!(hex("#1a1a7a").on(), WHITE);
        for r in (0..=255).step_by(15) {
            for g in (0..=255).step_by(15) {
                for b in (0..=255).step_by(15) {
                    let c = Rgb(r, g, b);
                    assert!(contrast(c, c.on()) >= 4.58, "{c}");
                }
            }
        }
    }

    #[test]
    fn readable_keeps_good_colours_and_shades_bad_ones() {
        let teal = hex("#0e6b6b");
        assert_eq!(readable(teal, &[LIGHT.bg], AA_TEXT), teal);
        let yellow = readable(hex("#ffd400"), &[LIGHT.bg, WHITE], AA_TEXT);
        assert!(worst(yellow, &[LIGHT.bg, WHITE]) >= AA_TEXT);
        assert!(yellow.luminance() < hex("#ffd400").luminance());
        let navy = readable(hex("#1a1a7a"), &[DARK.bg], AA_TEXT);
        assert!(contrast(navy, DARK.bg) >= AA_TEXT);
        assert!(navy.luminance() > hex("#1a1a7a").luminance());
    }

    #[test]
    fn every_accent_gives_an_aa_palette_in_both_schemes() {
        for accent in [
            "#ffd400", "#1a1a7a", "#ffffff", "#000000", "#7a3e9d", "#00ff00",
        ] {
            for d in [LIGHT, DARK] {
                let p = palette(&d, hex(accent), None, None);
                assert!(p.accent_text_ratio >= AA_TEXT, "{accent}: {p:?}");
                let var = |n| hex(&p.vars.iter().find(|(k, _)| *k == n).unwrap().1);
                assert!(contrast(var("on-accent"), var("accent")) >= AA_TEXT);
                assert!(contrast(var("on-accent"), var("accent-strong")) >= AA_TEXT);
                assert!(contrast(d.text, var("accent-soft")) >= AA_TEXT, "{accent}");
                assert!(contrast(d.muted, var("accent-soft")) >= AA_TEXT, "{accent}");
            }
        }
    }

    #[test]
    fn custom_background_and_text_derive_the_rest() {
        let p = palette(
            &LIGHT,
            hex("#0e6b6b"),
            Some(hex("#fff8e7")),
            Some(hex("#222")),
        );
        let names: Vec<_> = p.vars.iter().map(|(k, _)| *k).collect();
        assert!(names.contains(&"bg") && names.contains(&"muted") && names.contains(&"text"));
        let muted = hex(&p.vars.iter().find(|(k, _)| *k == "muted").unwrap().1);
        assert!(contrast(muted, hex("#fff8e7")) >= AA_TEXT);
        assert!(p.text_ratio > 10.0);
    }
}
