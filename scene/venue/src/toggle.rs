//! `Toggle<T>`: a key that is `true`, `false`, or a table of settings.

use serde::de::{self, MapAccess, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;
use std::marker::PhantomData;

/// A feature switched on or off (`frame = false`, `light = true`), or on with settings
/// (`frame = { width = 0.08 }`, or a `[artworks.frame]` table).
#[derive(Clone, Debug, PartialEq)]
pub enum Toggle<T> {
    /// `false`: the feature is off.
    Off,
    /// `true`: on, with default settings.
    On,
    /// A table: on, with these settings.
    With(T),
}

impl<T: Default + Clone> Toggle<T> {
    /// The settings when on (defaults for `true`), `None` when off. `default_on` says what
    /// a missing key means.
    pub fn settings(toggle: Option<&Toggle<T>>, default_on: bool) -> Option<T> {
        match toggle {
            None if default_on => Some(T::default()),
            None | Some(Toggle::Off) => None,
            Some(Toggle::On) => Some(T::default()),
            Some(Toggle::With(settings)) => Some(settings.clone()),
        }
    }
}

impl<T: Serialize> Serialize for Toggle<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Toggle::Off => serializer.serialize_bool(false),
            Toggle::On => serializer.serialize_bool(true),
            Toggle::With(settings) => settings.serialize(serializer),
        }
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Toggle<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct ToggleVisitor<T>(PhantomData<T>);

        impl<'de, T: Deserialize<'de>> Visitor<'de> for ToggleVisitor<T> {
            type Value = Toggle<T>;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("true, false or a table")
            }

            fn visit_bool<E: de::Error>(self, on: bool) -> Result<Self::Value, E> {
                Ok(if on { Toggle::On } else { Toggle::Off })
            }

            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
                // The table's own deserializer keeps its key checks (and their spans).
                T::deserialize(de::value::MapAccessDeserializer::new(map)).map(Toggle::With)
            }
        }

        deserializer.deserialize_any(ToggleVisitor(PhantomData))
    }
}
