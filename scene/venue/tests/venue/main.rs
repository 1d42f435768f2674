//! Venues: the documented example compiled end to end, every kind of error with its
//! file, line and column, material layers (glass, varnish, sheen), glTF files as venues, hot reload of edited files, and tours as
//! camera paths. One test binary, so the suite links once.

mod errors;
mod example;
mod gltf;
mod languages;
mod materials;
mod reload;
mod scope;
mod tour;
