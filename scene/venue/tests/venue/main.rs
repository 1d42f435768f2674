//! Venues: the documented example compiled end to end, every kind of error with its
//! file, line and column, material layers (glass, varnish, sheen), glTF files as venues, hot reload of edited files, tours as
//! camera paths, animated models, the guide who walks a tour, and the editor that changes a venue file
//! in place. One test binary, so the suite links once.

mod animation;
mod edit;
mod edit_tables;
mod errors;
mod example;
mod export;
mod export_parts;
mod gltf;
mod guide;
mod languages;
mod lux;
mod materials;
mod reload;
mod scope;
mod tour;
mod xmp;
