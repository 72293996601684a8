//! The config file exactly as written: serde structs that refuse unknown keys and keep the
//! position of every value that is validated after parsing, so errors can name its line.

use std::collections::BTreeMap;
use std::fmt;
use std::marker::PhantomData;

use serde::Deserialize;
use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, Visitor};
use toml::Spanned;

use super::secret_source::SecretFields;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawConfig {
    pub default_profile: Option<Spanned<String>>,
    pub theme: Option<Spanned<String>>,
    pub time_display: Option<Spanned<String>>,
    pub keymap: Option<Spanned<String>>,
    /// Whether the console captures the mouse (default true).
    pub mouse: Option<bool>,
    pub watch_seconds: Option<Spanned<i64>>,
    #[serde(default)]
    pub profiles: BTreeMap<String, Spanned<RawProfile>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawProfile {
    pub environment: Spanned<String>,
    pub read_only: Option<bool>,
    pub theme: Option<Spanned<String>>,
    pub connect_timeout_ms: Option<Spanned<u64>>,
    pub request_timeout_ms: Option<Spanned<u64>>,
    pub certificate_authority: Option<Spanned<String>>,
    pub reveal_requires_reason: Option<bool>,
    pub mascustomers: Option<Spanned<RawEndpoint<MascustomersKeys>>>,
    pub pxlhub: Option<Spanned<RawEndpoint<PxlhubKeys>>>,
    pub smoney: Option<Spanned<RawEndpoint<SmoneyKeys>>>,
    pub lyra: Option<Spanned<RawEndpoint<BasicKeys>>>,
    pub monext: Option<Spanned<RawEndpoint<BasicKeys>>>,
}

/// The keys of one provider's table besides `base_url`, the credential and
/// `allow_insecure_http`: the credential's name and the provider's own setting.
pub(crate) trait EndpointKeys {
    /// `token`, `api_key` or `password`: the credential is `{SECRET}_env`,
    /// `{SECRET}_command` or `{SECRET}` (inline).
    const SECRET: &'static str;
    /// `org` (MasCustomers), `partner` (S-money), `username` (Lyra, Monext), or none.
    const OWN: Option<&'static str>;
    /// Every key of the table, in the order an unknown key's error lists them.
    const FIELDS: &'static [&'static str];
}

#[derive(Debug)]
pub(crate) enum MascustomersKeys {}
impl EndpointKeys for MascustomersKeys {
    const SECRET: &'static str = "token";
    const OWN: Option<&'static str> = Some("org");
    const FIELDS: &'static [&'static str] = &[
        "base_url",
        "org",
        "token_env",
        "token_command",
        "token",
        "allow_insecure_http",
    ];
}

#[derive(Debug)]
pub(crate) enum PxlhubKeys {}
impl EndpointKeys for PxlhubKeys {
    const SECRET: &'static str = "api_key";
    const OWN: Option<&'static str> = None;
    const FIELDS: &'static [&'static str] = &[
        "base_url",
        "api_key_env",
        "api_key_command",
        "api_key",
        "allow_insecure_http",
    ];
}

#[derive(Debug)]
pub(crate) enum SmoneyKeys {}
impl EndpointKeys for SmoneyKeys {
    const SECRET: &'static str = "token";
    const OWN: Option<&'static str> = Some("partner");
    const FIELDS: &'static [&'static str] = &[
        "base_url",
        "partner",
        "token_env",
        "token_command",
        "token",
        "allow_insecure_http",
    ];
}

/// Lyra and Monext: HTTP Basic with a user name and a password.
#[derive(Debug)]
pub(crate) enum BasicKeys {}
impl EndpointKeys for BasicKeys {
    const SECRET: &'static str = "password";
    const OWN: Option<&'static str> = Some("username");
    const FIELDS: &'static [&'static str] = &[
        "base_url",
        "username",
        "password_env",
        "password_command",
        "password",
        "allow_insecure_http",
    ];
}

/// One provider's table, for all five: its URL, its own setting, its credential source
/// (flattened: the source's keys sit in the provider's table) and `allow_insecure_http`.
/// Keys other than `K`'s are refused with the same error a derived `deny_unknown_fields`
/// gives; serde's `flatten` cannot be used, as it loses the positions of `Spanned` values.
#[derive(Debug)]
pub(crate) struct RawEndpoint<K> {
    pub base_url: Spanned<String>,
    /// `K::OWN`'s value.
    pub own: Option<Spanned<String>>,
    pub secret: RawSecret,
    pub allow_insecure_http: bool,
    keys: PhantomData<K>,
}

/// The three keys one credential may be given by; validation wants exactly one.
#[derive(Debug, Default)]
pub(crate) struct RawSecret {
    pub env: Option<Spanned<String>>,
    pub command: Option<Spanned<String>>,
    pub inline: Option<Spanned<String>>,
}

impl<K: EndpointKeys> RawEndpoint<K> {
    pub(crate) fn secret_fields(&self) -> SecretFields<'_> {
        SecretFields {
            base: K::SECRET,
            env: self.secret.env.as_ref(),
            command: self.secret.command.as_ref(),
            inline: self.secret.inline.as_ref(),
        }
    }
}

/// Which value a key of the table sets.
enum Key {
    BaseUrl,
    Own,
    Env,
    Command,
    Inline,
    AllowInsecureHttp,
}

impl Key {
    fn of<K: EndpointKeys>(name: &str) -> Option<Key> {
        let secret = K::SECRET;
        Some(match name {
            "base_url" => Key::BaseUrl,
            "allow_insecure_http" => Key::AllowInsecureHttp,
            _ if K::OWN == Some(name) => Key::Own,
            _ if name == secret => Key::Inline,
            _ => match name.strip_prefix(secret)? {
                "_env" => Key::Env,
                "_command" => Key::Command,
                _ => return None,
            },
        })
    }
}

/// Reads a key through the deserializer, so an unknown one is reported at its own position.
struct KeySeed<K>(PhantomData<K>);

impl<'de, K: EndpointKeys> DeserializeSeed<'de> for KeySeed<K> {
    type Value = Key;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Key, D::Error> {
        d.deserialize_identifier(self)
    }
}

impl<K: EndpointKeys> Visitor<'_> for KeySeed<K> {
    type Value = Key;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a provider key")
    }

    fn visit_str<E: de::Error>(self, name: &str) -> Result<Key, E> {
        Key::of::<K>(name).ok_or_else(|| E::unknown_field(name, K::FIELDS))
    }
}

struct EndpointVisitor<K>(PhantomData<K>);

impl<'de, K: EndpointKeys> Visitor<'de> for EndpointVisitor<K> {
    type Value = RawEndpoint<K>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a provider table")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<RawEndpoint<K>, A::Error> {
        let mut base_url = None;
        let mut own = None;
        let mut secret = RawSecret::default();
        let mut allow_insecure_http = false;
        while let Some(key) = map.next_key_seed(KeySeed::<K>(PhantomData))? {
            match key {
                Key::BaseUrl => base_url = Some(map.next_value()?),
                Key::Own => own = Some(map.next_value()?),
                Key::Env => secret.env = Some(map.next_value()?),
                Key::Command => secret.command = Some(map.next_value()?),
                Key::Inline => secret.inline = Some(map.next_value()?),
                Key::AllowInsecureHttp => allow_insecure_http = map.next_value()?,
            }
        }
        Ok(RawEndpoint {
            base_url: base_url.ok_or_else(|| de::Error::missing_field("base_url"))?,
            own,
            secret,
            allow_insecure_http,
            keys: PhantomData,
        })
    }
}

impl<'de, K: EndpointKeys> Deserialize<'de> for RawEndpoint<K> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<RawEndpoint<K>, D::Error> {
        d.deserialize_struct("RawEndpoint", K::FIELDS, EndpointVisitor(PhantomData))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `FIELDS` is what `SECRET` and `OWN` say, in the order of the derived structs before.
    fn fields_agree<K: EndpointKeys>() {
        let s = K::SECRET;
        let mut expected = vec!["base_url".to_string()];
        expected.extend(K::OWN.map(str::to_string));
        expected.extend([format!("{s}_env"), format!("{s}_command"), s.to_string()]);
        expected.push("allow_insecure_http".into());
        assert_eq!(K::FIELDS, expected);
    }

    #[test]
    fn each_table_lists_its_own_keys() {
        fields_agree::<MascustomersKeys>();
        fields_agree::<PxlhubKeys>();
        fields_agree::<SmoneyKeys>();
        fields_agree::<BasicKeys>();
    }

    #[test]
    fn a_table_takes_only_its_keys() {
        let ok: RawEndpoint<PxlhubKeys> =
            toml::from_str("base_url = \"https://x\"\napi_key_env = \"K\"").unwrap();
        assert_eq!(ok.secret.env.unwrap().get_ref(), "K");
        assert!(!ok.allow_insecure_http);
        let e = toml::from_str::<RawEndpoint<PxlhubKeys>>("base_url = \"https://x\"\norg = \"t\"")
            .unwrap_err()
            .to_string();
        assert!(
            e.contains("unknown field `org`, expected one of `base_url`, `api_key_env`"),
            "{e}"
        );
        let e = toml::from_str::<RawEndpoint<BasicKeys>>("username = \"u\"")
            .unwrap_err()
            .to_string();
        assert!(e.contains("missing field `base_url`"), "{e}");
    }
}
