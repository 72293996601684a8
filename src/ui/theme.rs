//! Themes: a semantic palette (styles asked for by meaning, not by colour) loaded from the
//! `themes/*.toml` files embedded in the binary, adapted to the terminal's colour depth.

use ratatui::style::{Color, Modifier, Style};
use serde::Deserialize;
use std::collections::BTreeMap;

/// The themes shipped in the binary, by name.
pub const BUILTIN: &[(&str, &str)] = &[
    ("dark", include_str!("../../themes/dark.toml")),
    ("light", include_str!("../../themes/light.toml")),
    (
        "high-contrast",
        include_str!("../../themes/high-contrast.toml"),
    ),
];

pub fn builtin_names() -> Vec<&'static str> {
    BUILTIN.iter().map(|(n, _)| *n).collect()
}

/// How many colours the terminal shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ColorDepth {
    TrueColor,
    Ansi256,
    Ansi16,
    /// `NO_COLOR` is set: modifiers only.
    None,
}

impl ColorDepth {
    /// From the environment: `NO_COLOR` (any non-empty value), `COLORTERM`, `TERM`.
    pub fn detect() -> ColorDepth {
        let var = |k: &str| std::env::var(k).unwrap_or_default();
        ColorDepth::from_env(&var("NO_COLOR"), &var("COLORTERM"), &var("TERM"))
    }

    pub fn from_env(no_color: &str, colorterm: &str, term: &str) -> ColorDepth {
        if !no_color.is_empty() {
            ColorDepth::None
        } else if colorterm.eq_ignore_ascii_case("truecolor")
            || colorterm.eq_ignore_ascii_case("24bit")
        {
            ColorDepth::TrueColor
        } else if term.contains("256") || term.contains("direct") {
            ColorDepth::Ansi256
        } else if term == "dumb" {
            ColorDepth::None
        } else {
            ColorDepth::Ansi16
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum ThemeError {
    #[error("unknown theme {0:?} (known: {1})")]
    Unknown(String, String),
    #[error("theme {name}: {source}")]
    Parse {
        name: String,
        source: toml::de::Error,
    },
    #[error(
        "theme {name}: colour {value:?} for {key} is not a colour (use \"#rrggbb\", an ANSI name or color(N))"
    )]
    BadColor {
        name: String,
        key: String,
        value: String,
    },
    #[error("theme {name}: unknown modifier {value:?} for {key}")]
    BadModifier {
        name: String,
        key: String,
        value: String,
    },
    #[error("theme {name}: missing style {key}")]
    Missing { name: String, key: String },
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ThemeFile {
    name: String,
    palette: BTreeMap<String, StyleSpec>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct StyleSpec {
    fg: Option<String>,
    bg: Option<String>,
    #[serde(default)]
    modifiers: Vec<String>,
}

macro_rules! palette {
    ($($field:ident),+ $(,)?) => {
        /// Every style the UI asks for, by meaning.
        #[derive(Debug, Clone, PartialEq)]
        pub struct Theme {
            pub name: String,
            $(pub $field: Style,)+
        }

        impl Theme {
            const KEYS: &'static [&'static str] = &[$(stringify!($field)),+];

            fn from_styles(name: String, mut styles: BTreeMap<String, Style>) -> Result<Theme, ThemeError> {
                Ok(Theme {
                    $($field: styles.remove(stringify!($field)).ok_or_else(|| ThemeError::Missing {
                        name: name.clone(),
                        key: stringify!($field).to_string(),
                    })?,)+
                    name,
                })
            }

            /// Every style plain: for laying lines out where their look does not matter
            /// (what a click lands on is found on the very lines the render draws).
            pub fn unstyled() -> Theme {
                Theme {
                    name: String::new(),
                    $($field: Style::default(),)+
                }
            }
        }
    };
}

palette!(
    text,
    muted,
    header,
    header_title,
    border,
    border_focused,
    title,
    tab,
    tab_active,
    selection,
    table_header,
    key,
    error,
    warning,
    success,
    info,
    badge_sandbox,
    badge_staging,
    badge_production,
    badge_read_only,
    badge_demo,
    badge_insecure,
    health_ok,
    health_bad,
    health_unknown,
    json_key,
    json_string,
    json_number,
    json_literal,
    overlay,
);

impl Theme {
    /// A built-in theme by name, adapted to `depth`.
    pub fn builtin(name: &str, depth: ColorDepth) -> Result<Theme, ThemeError> {
        let src = BUILTIN
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, s)| *s)
            .ok_or_else(|| ThemeError::Unknown(name.to_string(), builtin_names().join(", ")))?;
        Theme::parse(src, depth)
    }

    /// Parses a theme file. Unknown palette keys are refused so typos are caught.
    pub fn parse(src: &str, depth: ColorDepth) -> Result<Theme, ThemeError> {
        let file: ThemeFile = toml::from_str(src).map_err(|source| ThemeError::Parse {
            name: "?".into(),
            source,
        })?;
        let name = file.name;
        let mut styles = BTreeMap::new();
        for (key, spec) in file.palette {
            if !Theme::KEYS.contains(&key.as_str()) {
                return Err(ThemeError::Missing {
                    name,
                    key: format!("{key} (unknown key)"),
                });
            }
            let style = spec.to_style(&name, &key, depth)?;
            styles.insert(key, style);
        }
        let mut theme = Theme::from_styles(name, styles)?;
        if depth == ColorDepth::None {
            // Without colour the selection and the production badge must still stand out.
            theme.selection = theme.selection.add_modifier(Modifier::REVERSED);
            theme.tab_active = theme.tab_active.add_modifier(Modifier::REVERSED);
            theme.badge_production = theme
                .badge_production
                .add_modifier(Modifier::REVERSED | Modifier::BOLD);
            for badge in [
                &mut theme.badge_sandbox,
                &mut theme.badge_staging,
                &mut theme.badge_read_only,
                &mut theme.badge_demo,
                &mut theme.badge_insecure,
            ] {
                *badge = badge.add_modifier(Modifier::REVERSED);
            }
        }
        Ok(theme)
    }
}

impl StyleSpec {
    fn to_style(&self, theme: &str, key: &str, depth: ColorDepth) -> Result<Style, ThemeError> {
        let mut style = Style::default();
        if depth != ColorDepth::None {
            let color = |v: &String| {
                parse_color(v, depth).ok_or_else(|| ThemeError::BadColor {
                    name: theme.to_string(),
                    key: key.to_string(),
                    value: v.clone(),
                })
            };
            if let Some(fg) = &self.fg {
                style = style.fg(color(fg)?);
            }
            if let Some(bg) = &self.bg {
                style = style.bg(color(bg)?);
            }
        }
        for m in &self.modifiers {
            let modifier = match m.as_str() {
                "bold" => Modifier::BOLD,
                "dim" => Modifier::DIM,
                "italic" => Modifier::ITALIC,
                "underlined" => Modifier::UNDERLINED,
                "reversed" => Modifier::REVERSED,
                _ => {
                    return Err(ThemeError::BadModifier {
                        name: theme.to_string(),
                        key: key.to_string(),
                        value: m.clone(),
                    });
                }
            };
            style = style.add_modifier(modifier);
        }
        Ok(style)
    }
}

const ANSI16: [(&str, Color, (u8, u8, u8)); 16] = [
    ("black", Color::Black, (0, 0, 0)),
    ("red", Color::Red, (205, 0, 0)),
    ("green", Color::Green, (0, 205, 0)),
    ("yellow", Color::Yellow, (205, 205, 0)),
    ("blue", Color::Blue, (0, 0, 238)),
    ("magenta", Color::Magenta, (205, 0, 205)),
    ("cyan", Color::Cyan, (0, 205, 205)),
    ("gray", Color::Gray, (229, 229, 229)),
    ("darkgray", Color::DarkGray, (127, 127, 127)),
    ("lightred", Color::LightRed, (255, 0, 0)),
    ("lightgreen", Color::LightGreen, (0, 255, 0)),
    ("lightyellow", Color::LightYellow, (255, 255, 0)),
    ("lightblue", Color::LightBlue, (92, 92, 255)),
    ("lightmagenta", Color::LightMagenta, (255, 0, 255)),
    ("lightcyan", Color::LightCyan, (0, 255, 255)),
    ("white", Color::White, (255, 255, 255)),
];

/// Parses a colour and brings it down to what the terminal shows.
fn parse_color(v: &str, depth: ColorDepth) -> Option<Color> {
    let v = v.trim().to_ascii_lowercase();
    if v == "reset" {
        return Some(Color::Reset);
    }
    if let Some((_, c, _)) = ANSI16.iter().find(|(n, _, _)| *n == v) {
        return Some(*c);
    }
    if let Some(n) = v.strip_prefix("color(").and_then(|r| r.strip_suffix(')')) {
        let idx: u8 = n.trim().parse().ok()?;
        return Some(match depth {
            ColorDepth::Ansi16 => nearest16(xterm_rgb(idx)),
            _ => Color::Indexed(idx),
        });
    }
    let hex = v.strip_prefix('#')?;
    if hex.len() != 6 {
        return None;
    }
    let n = u32::from_str_radix(hex, 16).ok()?;
    let rgb = ((n >> 16) as u8, (n >> 8) as u8, n as u8);
    Some(match depth {
        ColorDepth::TrueColor | ColorDepth::None => Color::Rgb(rgb.0, rgb.1, rgb.2),
        ColorDepth::Ansi256 => Color::Indexed(nearest256(rgb)),
        ColorDepth::Ansi16 => nearest16(rgb),
    })
}

fn dist(a: (u8, u8, u8), b: (u8, u8, u8)) -> u32 {
    let d = |x: u8, y: u8| (i32::from(x) - i32::from(y)).pow(2) as u32;
    d(a.0, b.0) + d(a.1, b.1) + d(a.2, b.2)
}

const CUBE: [u8; 6] = [0, 95, 135, 175, 215, 255];

/// RGB of an xterm 256-colour index.
fn xterm_rgb(idx: u8) -> (u8, u8, u8) {
    match idx {
        0..=15 => ANSI16[usize::from(idx)].2,
        16..=231 => {
            let i = idx - 16;
            (
                CUBE[usize::from(i / 36)],
                CUBE[usize::from((i / 6) % 6)],
                CUBE[usize::from(i % 6)],
            )
        }
        _ => {
            let g = 8 + (idx - 232) * 10;
            (g, g, g)
        }
    }
}

/// Nearest colour in the 6×6×6 cube or the grey ramp.
fn nearest256(rgb: (u8, u8, u8)) -> u8 {
    (16..=255u8)
        .min_by_key(|&i| dist(rgb, xterm_rgb(i)))
        .unwrap_or(16)
}

fn nearest16(rgb: (u8, u8, u8)) -> Color {
    ANSI16
        .iter()
        .min_by_key(|(_, _, c)| dist(rgb, *c))
        .map(|(_, c, _)| *c)
        .unwrap_or(Color::Reset)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_builtin_loads_at_every_depth() {
        for (name, _) in BUILTIN {
            for depth in [
                ColorDepth::TrueColor,
                ColorDepth::Ansi256,
                ColorDepth::Ansi16,
                ColorDepth::None,
            ] {
                let t = Theme::builtin(name, depth).unwrap();
                assert_eq!(&t.name, name);
            }
        }
    }

    #[test]
    fn depth_downsamples() {
        let t = Theme::builtin("dark", ColorDepth::Ansi256).unwrap();
        assert!(matches!(t.badge_production.bg, Some(Color::Indexed(_))));
        let t = Theme::builtin("dark", ColorDepth::Ansi16).unwrap();
        assert_eq!(t.badge_production.bg, Some(Color::Red));
        let t = Theme::builtin("dark", ColorDepth::None).unwrap();
        assert_eq!(t.badge_production.bg, None);
        assert!(t.selection.add_modifier.contains(Modifier::REVERSED));
    }

    #[test]
    fn detects_depth() {
        assert_eq!(
            ColorDepth::from_env("1", "truecolor", "xterm-256color"),
            ColorDepth::None
        );
        assert_eq!(
            ColorDepth::from_env("", "truecolor", "xterm"),
            ColorDepth::TrueColor
        );
        assert_eq!(
            ColorDepth::from_env("", "", "xterm-256color"),
            ColorDepth::Ansi256
        );
        assert_eq!(ColorDepth::from_env("", "", "xterm"), ColorDepth::Ansi16);
    }

    #[test]
    fn refuses_bad_colours() {
        let bad = "name = \"x\"\n[palette]\ntext = { fg = \"#12\" }\n";
        assert!(matches!(
            Theme::parse(bad, ColorDepth::TrueColor),
            Err(ThemeError::BadColor { .. })
        ));
        assert!(Theme::builtin("nope", ColorDepth::TrueColor).is_err());
    }
}
