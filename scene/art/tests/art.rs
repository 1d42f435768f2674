//! The demo museum's generated artworks: paintings that are pictures (not flat, not
//! noise, different per style and seed, the size asked for), sculptures that are closed
//! solids standing on the ground, and metadata complete for every work of the catalogue.
//!
//! `ART_CONTACT_SHEET=path.png` keeps the contact sheet of every style for a person to
//! look at; otherwise it is written to a temporary directory.

use image::{Rgba, RgbaImage};
use museion_art::{
    ArtError, MAX_SIDE, MAX_TRIANGLES, MIN_SIDE, SculptureKind, Style, catalogue, paint, painting_info,
    sculpt,
};
use museion_scene::Mesh;
use std::collections::{BTreeSet, HashMap};

/// Mean and standard deviation of each channel, 0–255.
fn channel_stats(image: &RgbaImage) -> [(f64, f64); 3] {
    let n = f64::from(image.width() * image.height());
    [0, 1, 2].map(|c| {
        let mean = image.pixels().map(|p| f64::from(p[c])).sum::<f64>() / n;
        let var = image
            .pixels()
            .map(|p| (f64::from(p[c]) - mean).powi(2))
            .sum::<f64>()
            / n;
        (mean, var.sqrt())
    })
}

/// Mean absolute difference per channel between two images of one size, 0–255.
fn difference(a: &RgbaImage, b: &RgbaImage) -> f64 {
    let total: u64 = a
        .as_raw()
        .iter()
        .zip(b.as_raw())
        .map(|(x, y)| u64::from(x.abs_diff(*y)))
        .sum();
    total as f64 / a.as_raw().len() as f64
}

/// Mean channel difference between horizontal neighbours, and between pixels a fixed,
/// unrelated stride apart: a picture is far more alike next door than across it; noise
/// is not.
fn coherence(image: &RgbaImage) -> (f64, f64) {
    let px = |i: u32| image.get_pixel(i % image.width(), i / image.width());
    let d = |p: &Rgba<u8>, q: &Rgba<u8>| (0..3).map(|c| f64::from(p[c].abs_diff(q[c]))).sum::<f64>();
    let n = image.width() * image.height();
    let (mut near, mut far) = (0.0, 0.0);
    for i in 0..n - 1 {
        near += d(px(i), px(i + 1));
        far += d(px(i), px((i * 7919 + 104_729) % n));
    }
    (near / f64::from(n), far / f64::from(n))
}

#[test]
fn every_style_paints_a_picture_neither_flat_nor_noise() {
    for (style, seed) in Style::ALL.into_iter().flat_map(|s| [(s, 11), (s, 12), (s, 13)]) {
        let image = paint(style, seed, 480, 360).expect("valid size");
        assert_eq!(image.dimensions(), (480, 360), "{style}");
        let stats = channel_stats(&image);
        assert!(
            stats.iter().all(|(_, sd)| *sd > 4.0),
            "{style}: a channel is nearly flat: {stats:?}"
        );
        assert!(
            stats.iter().map(|(_, sd)| sd).sum::<f64>() > 45.0,
            "{style}: too little contrast: {stats:?}"
        );
        let colours: BTreeSet<[u8; 4]> = image.pixels().map(|p| p.0).collect();
        assert!(colours.len() > 200, "{style}: only {} colours", colours.len());
        assert!(
            image.pixels().all(|p| p[3] == 255),
            "{style}: paintings are opaque"
        );
        let (near, far) = coherence(&image);
        assert!(
            near < 0.6 * far,
            "{style}: neighbours differ {near:.1}, strangers {far:.1}: noise, not a picture"
        );
    }
    // The measure tells noise from pictures: random pixels fail it.
    let mut state = 1u32;
    let noise = RgbaImage::from_fn(480, 360, |_, _| {
        state = state.wrapping_mul(1_664_525).wrapping_add(1_013_904_223);
        let [r, g, b, _] = state.to_le_bytes();
        Rgba([r, g, b, 255])
    });
    let (near, far) = coherence(&noise);
    assert!(near > 0.9 * far, "noise: {near:.1} against {far:.1}");
}

#[test]
fn paintings_repeat_for_a_seed_and_change_with_it() {
    for style in Style::ALL {
        let a = paint(style, 3, 160, 120).expect("valid size");
        let b = paint(style, 3, 160, 120).expect("valid size");
        assert_eq!(a.as_raw(), b.as_raw(), "{style}: same seed, different bytes");
        let c = paint(style, 4, 160, 120).expect("valid size");
        assert!(
            difference(&a, &c) > 5.0,
            "{style}: seeds 3 and 4 look alike ({:.1})",
            difference(&a, &c)
        );
    }
}

#[test]
fn styles_differ_from_one_another() {
    for seed in [1, 2, 3] {
        let images: Vec<RgbaImage> = Style::ALL
            .iter()
            .map(|s| paint(*s, seed, 128, 128).expect("valid size"))
            .collect();
        for i in 0..images.len() {
            for j in i + 1..images.len() {
                let d = difference(&images[i], &images[j]);
                assert!(
                    d > 12.0,
                    "seed {seed}: {} and {} differ by only {d:.1}",
                    Style::ALL[i],
                    Style::ALL[j]
                );
            }
        }
    }
}

#[test]
fn pictures_take_the_size_asked_and_refuse_bad_sizes() {
    for (w, h) in [
        (300, 200),
        (200, 300),
        (256, 256),
        (MIN_SIDE, 600),
        (600, MIN_SIDE),
    ] {
        for style in Style::ALL {
            assert_eq!(
                paint(style, 9, w, h).map(|i| i.dimensions()),
                Ok((w, h)),
                "{style} at {w}x{h}"
            );
        }
    }
    for (w, h) in [(0, 100), (100, 0), (MIN_SIDE - 1, 100), (MAX_SIDE + 1, 100)] {
        assert_eq!(
            paint(Style::Grid, 1, w, h),
            Err(ArtError::InvalidSize { width: w, height: h })
        );
    }
}

/// Checks that a mesh is one closed, outward-facing solid made of proper triangles and
/// standing on y = 0, and returns its volume.
fn check_solid(mesh: &Mesh, what: &str) -> f64 {
    assert_eq!(mesh.primitives.len(), 1, "{what}");
    let p = &mesh.primitives[0];
    let n = p.positions.len();
    assert!(
        p.triangle_count() > 0 && p.triangle_count() <= MAX_TRIANGLES,
        "{what}: {} triangles",
        p.triangle_count()
    );
    assert_eq!(p.normals.len(), n, "{what}: normals");
    assert_eq!(p.uv0.as_ref().map(Vec::len), Some(n), "{what}: UVs");
    assert_eq!(p.tangents.as_ref().map(Vec::len), Some(n), "{what}: tangents");
    assert!(
        p.indices.iter().all(|i| (*i as usize) < n),
        "{what}: index out of range"
    );
    // Weld vertices that share a position (seams, split normals) and count the directed
    // edges: in a closed, consistently wound surface each appears once, its reverse once.
    let mut welded: HashMap<[u32; 3], u32> = HashMap::new();
    let ids: Vec<u32> = p
        .positions
        .iter()
        .map(|v| {
            let next = welded.len() as u32;
            *welded.entry(v.to_array().map(f32::to_bits)).or_insert(next)
        })
        .collect();
    let mut edges: HashMap<(u32, u32), u32> = HashMap::new();
    let mut volume = 0.0f64;
    for t in p.indices.chunks_exact(3) {
        let [a, b, c] = [t[0], t[1], t[2]].map(|i| p.positions[i as usize]);
        let geometric = (b - a).cross(c - a);
        assert!(geometric.length() > 0.0, "{what}: degenerate triangle {t:?}");
        for i in t {
            let normal = p.normals[*i as usize];
            assert!((normal.length() - 1.0).abs() < 1e-3, "{what}: normal not unit");
            assert!(
                geometric.dot(normal) > 0.0,
                "{what}: a normal disagrees with its triangle's winding"
            );
        }
        volume += f64::from(a.dot(b.cross(c))) / 6.0;
        let w = [t[0], t[1], t[2]].map(|i| ids[i as usize]);
        for k in 0..3 {
            *edges.entry((w[k], w[(k + 1) % 3])).or_default() += 1;
        }
    }
    for ((from, to), count) in &edges {
        assert_eq!(*count, 1, "{what}: edge {from}->{to} used {count} times");
        assert_eq!(
            edges.get(&(*to, *from)),
            Some(&1),
            "{what}: edge {from}->{to} is open or wound twice"
        );
    }
    assert!(volume > 0.0, "{what}: signed volume {volume} (wound inwards?)");
    let aabb = mesh.bounds.aabb;
    assert_eq!(aabb.min.y, 0.0, "{what}: must stand on y = 0");
    assert!(
        (aabb.min.x + aabb.max.x).abs() < 1e-4 && (aabb.min.z + aabb.max.z).abs() < 1e-4,
        "{what}: not centred"
    );
    let size = aabb.max - aabb.min;
    assert!(
        (0.2..=3.0).contains(&size.max_element()),
        "{what}: implausible size {size}"
    );
    volume
}

#[test]
fn every_sculpture_is_a_closed_solid_on_the_ground() {
    for kind in SculptureKind::ALL {
        let mut volumes = Vec::new();
        for seed in [1, 2, 77] {
            let mesh = sculpt(kind, seed);
            assert_eq!(mesh.name.as_deref(), Some(kind.name()));
            volumes.push(check_solid(&mesh, &format!("{kind} seed {seed}")));
            assert_eq!(mesh, sculpt(kind, seed), "{kind}: same seed, different mesh");
        }
        assert!(
            volumes.windows(2).all(|v| v[0] != v[1]),
            "{kind}: seeds give the same form {volumes:?}"
        );
    }
}

/// Height and width in the dimensions line of a picture: "91.5 × 61 cm".
fn picture_size(dimensions: &str) -> (f64, f64) {
    let numbers: Vec<f64> = dimensions
        .split(|c: char| !(c.is_ascii_digit() || c == '.'))
        .filter_map(|s| s.parse().ok())
        .collect();
    assert_eq!(numbers.len(), 2, "{dimensions}");
    (numbers[0], numbers[1])
}

#[test]
fn the_catalogue_is_complete_distinct_and_repeatable() {
    let cat = catalogue(2026);
    assert_eq!((cat.paintings.len(), cat.sculptures.len()), (44, 12));
    let styles: BTreeSet<Style> = cat.paintings.iter().map(|p| p.style).collect();
    let kinds: BTreeSet<SculptureKind> = cat.sculptures.iter().map(|s| s.kind).collect();
    assert_eq!(
        (styles.len(), kinds.len()),
        (Style::ALL.len(), SculptureKind::ALL.len())
    );
    let infos: Vec<_> = cat
        .paintings
        .iter()
        .map(|p| &p.info)
        .chain(cat.sculptures.iter().map(|s| &s.info))
        .collect();
    let mut accessions = BTreeSet::new();
    let mut titles = BTreeSet::new();
    for info in &infos {
        for (field, value) in [
            ("title", &info.title),
            ("artist", &info.artist),
            ("date", &info.date),
            ("medium", &info.medium),
            ("dimensions", &info.dimensions),
            ("credit", &info.credit),
            ("description", &info.description),
        ] {
            assert!(!value.trim().is_empty(), "{}: empty {field}", info.accession);
        }
        assert_eq!(info.rights, "\u{a9} Museion project, CC0");
        let number = info
            .accession
            .strip_prefix("MUS.2026.")
            .expect("accession pattern");
        assert!(
            number.len() == 3 && number.chars().all(|c| c.is_ascii_digit()),
            "{}",
            info.accession
        );
        assert!(
            accessions.insert(info.accession.clone()),
            "duplicate accession {}",
            info.accession
        );
        assert!(
            titles.insert(info.title.clone()),
            "duplicate title {}",
            info.title
        );
        let sentences = info.description.matches(". ").count() + 1;
        assert!(
            (2..=4).contains(&sentences),
            "{}: {} sentences",
            info.accession,
            sentences
        );
        for language in ["fr", "de", "zh-CN"] {
            let translation = info.translations.get(language).expect("translation");
            let (title, description) = (
                translation.title.as_deref().unwrap_or_default(),
                translation.description.as_deref().unwrap_or_default(),
            );
            assert!(
                !title.is_empty() && !description.is_empty(),
                "{} {language}",
                info.accession
            );
            assert_ne!(
                description, info.description,
                "{} {language} is untranslated",
                info.accession
            );
        }
        let year: u32 = info.date.trim_start_matches("c. ").parse().expect("a year");
        assert!((1600..=2026).contains(&year), "{}", info.date);
    }
    let seeds: BTreeSet<(Style, u64)> = cat.paintings.iter().map(|p| (p.style, p.seed)).collect();
    assert_eq!(seeds.len(), 44);
    for p in &cat.paintings {
        // The physical size keeps the image's aspect.
        let (h, w) = picture_size(&p.info.dimensions);
        let aspect = f64::from(p.height_px) / f64::from(p.width_px);
        assert!(
            (h / w - aspect).abs() < 0.01,
            "{}: {} for {}x{}",
            p.info.title,
            p.info.dimensions,
            p.width_px,
            p.height_px
        );
        assert_eq!(p.width_px.max(p.height_px), 1024);
        assert_eq!(
            p.info,
            painting_info(
                p.style,
                p.seed,
                p.width_px,
                p.height_px,
                p.info.accession[9..].parse().expect("number")
            )
        );
    }
    assert_eq!(cat, catalogue(2026), "the catalogue must repeat");
    assert_ne!(cat.paintings[0].seed, catalogue(2027).paintings[0].seed);
}

#[test]
fn a_contact_sheet_of_every_style() {
    let (cell, columns) = (256u32, 5u32);
    let rows = (Style::ALL.len() as u32).div_ceil(columns);
    let mut sheet = RgbaImage::from_pixel(cell * columns, cell * rows, Rgba([40, 40, 40, 255]));
    // Each style in an aspect it is hung in: portrait, landscape or square.
    let sizes = [
        (192, 256),
        (256, 256),
        (256, 192),
        (256, 170),
        (256, 128),
        (256, 192),
        (205, 256),
        (192, 256),
        (256, 256),
        (256, 170),
    ];
    for (i, (style, (w, h))) in Style::ALL.iter().zip(sizes).enumerate() {
        let image = paint(*style, 2026, w, h).expect("valid size");
        let (x, y) = (
            (i as u32 % columns) * cell + (cell - w) / 2,
            (i as u32 / columns) * cell + (cell - h) / 2,
        );
        image::imageops::overlay(&mut sheet, &image, i64::from(x), i64::from(y));
    }
    let dir = tempfile::tempdir().expect("temporary directory");
    let path =
        std::env::var_os("ART_CONTACT_SHEET").map_or_else(|| dir.path().join("styles.png"), Into::into);
    sheet.save(&path).expect("write the contact sheet");
    let back = image::open(&path).expect("read it back").to_rgba8();
    assert_eq!(back.as_raw(), sheet.as_raw());
}

/// The brief: a 512 × 512 picture in well under 100 ms. Wall-clock times mean something
/// only in a release build on a quiet machine, so this runs on request:
/// `cargo test --release -p museion-scene --test procedural_art -- --ignored`.
#[test]
#[ignore = "timing: run in release on a quiet machine"]
fn a_512_picture_paints_in_under_100_ms() {
    for style in Style::ALL {
        let best = (0..5)
            .map(|seed| {
                let start = std::time::Instant::now();
                paint(style, seed, 512, 512).expect("valid size");
                start.elapsed()
            })
            .min()
            .unwrap_or_default();
        println!("{style}: {:.1} ms", best.as_secs_f64() * 1e3);
        assert!(best.as_millis() < 100, "{style} took {best:?}");
    }
}
