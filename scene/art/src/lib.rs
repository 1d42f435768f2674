//! museion-art: artworks for the demo museum, made by Museion's own code: paintings and prints
//! ([`paint`]), sculptures ([`sculpt`], [`sculpture_material`]), their museum metadata
//! ([`painting_info`], [`sculpture_info`]), a whole collection ([`catalogue`]), and a
//! walking figure to guide visitors ([`figure`]) and a kinetic sculpture ([`kinetic`],
//! [`kinetic_info`]).
//!
//! Everything is a pure function of its arguments: the same style, kind and seed give the
//! same pixels, vertices and words on every run (the generators use the crate's own
//! [`Rng`] and noise, never a library's random numbers). Bit-identical output
//! across platforms is not promised, since `sin` and `exp` may round differently there.
//!
//! ```
//! use museion_art::{Style, SculptureKind, paint, sculpt, catalogue};
//! let image = paint(Style::Landscape, 7, 96, 64)?;
//! assert_eq!(image.dimensions(), (96, 64));
//! let mesh = sculpt(SculptureKind::Vase, 7);
//! assert!(mesh.bounds.aabb.min.y.abs() < 1e-6); // stands on y = 0
//! let collection = catalogue(2026);
//! assert_eq!((collection.paintings.len(), collection.sculptures.len()), (44, 12));
//! # Ok::<(), museion_art::ArtError>(())
//! ```

mod canvas;
mod catalogue;
mod color;
mod error;
pub mod figure;
mod info;
pub mod kinetic;
mod limits;
mod noise;
mod paint;
mod palette;
mod sculpt;

pub use catalogue::{Catalogue, LONG_SIDE_PX, PAINTINGS, PaintingSpec, SCULPTURES, SculptureSpec, catalogue};
pub use error::ArtError;
pub use info::{
    ArtworkInfo, LabelTranslation, ZH_CN, kinetic_info, painting_info, painting_size_cm, sculpture_info,
};
pub use paint::{MAX_SIDE, MIN_SIDE, Style, paint};
pub use sculpt::{Finish, MAX_TRIANGLES, SculptureKind, finish, sculpt, sculpture_material};

use museion_procedural::Rng;

/// A generator for one purpose of one seed: `salt` keeps the streams of different uses
/// (palette, layout, title…) of the same seed apart.
fn rng(seed: u64, salt: u64) -> Rng {
    let mut rng = Rng::new(seed ^ salt.wrapping_mul(0x9E37_79B9_7F4A_7C15).rotate_left(17));
    // One draw mixes the state, so nearby seeds start far apart.
    rng.next_u64();
    rng
}

/// One element of a list, chosen uniformly. Every list given is a non-empty constant
/// table of this module, and `below(n)` is less than `n`, so the index is in range.
fn pick<'a, T>(rng: &mut Rng, items: &'a [T]) -> &'a T {
    &items[rng.below(items.len() as u32) as usize]
}
