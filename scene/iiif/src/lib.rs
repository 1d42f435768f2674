//! museion-iiif: a venue's artworks as a IIIF Presentation 3.0 manifest, so that collection
//! systems and IIIF viewers (Mirador, Universal Viewer, …) can open them.
//!
//! [`Manifest::of_venue`] makes the manifest of a compiled venue: one canvas per
//! artwork (an image hung on a wall), its size the image's in pixels, painted by the
//! image; its label, summary and metadata (artist, date, medium, dimensions, accession
//! number, credit line, rights) as language maps in the main language and every
//! translation the venue has; `rights` when the label's rights are a Creative Commons or
//! RightsStatements.org URI; the credit line as the `requiredStatement`.
//! [`Manifest::write`] copies the images beside `manifest.json` in a folder, ready to be
//! served from the base URL the manifest's ids begin with. The format is documented in
//! `docs/provenance.md` ("Collection systems: IIIF").
//!
//! ```no_run
//! let venue = museion_venue::load("museum/venue.toml")?;
//! let manifest = museion_iiif::Manifest::of_venue(&venue, "https://example.org/museum/")?;
//! manifest.write("museum-iiif".as_ref(), &venue.dependencies)?;
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod error;
mod manifest;
mod words;
mod write;

pub use error::IiifError;
pub use manifest::{CONTEXT, ImageCopy, MANIFEST_FILE, Manifest};
pub use words::FIELD_LABELS;
