//! The extensions' textures (each scales its factor, through its own slot and the
//! extension's sampler), KHR_materials_anisotropy's stretched highlight, and
//! KHR_materials_iridescence against the thin-film Fresnel worked out on the CPU.

use super::*;
use museion_scene::glam::{Vec4, Vec4Swizzles};
use museion_scene::{
    Anisotropy, Clearcoat, ColorSpace, Image, ImageSourceFormat, Iridescence, Sheen, Specular, TextureRef,
    TextureTransform,
};

/// A 1×1 texture of `texel` added to `scene`, referenced in `space`.
fn texel_texture(scene: &mut Scene, texel: [u8; 4], space: ColorSpace) -> TextureRef {
    let image = scene.add_image(Image::rgba8(None, 1, 1, texel.to_vec(), ImageSourceFormat::Png));
    let texture = scene.add_texture(museion_scene::Texture {
        name: None,
        image: Some(image),
        sampler: None,
    });
    TextureRef {
        texture,
        tex_coord: 0,
        transform: TextureTransform::IDENTITY,
        color_space: space,
    }
}

/// How a test attaches a texture to a material's extension.
type Attach = fn(&mut Material, TextureRef);

/// A sphere under a sun from the upper right and a uniform grey sky, in linear radiance.
fn lit_sphere(ctx: &GpuContext, material: Material, texture: Option<(Attach, [u8; 4])>) -> Vec<[f32; 4]> {
    let mut scene = scene_with(sphere(64, 32), material);
    if let Some((attach, texel)) = texture {
        let reference = texel_texture(&mut scene, texel, ColorSpace::Linear);
        attach(&mut scene.materials[0], reference);
    }
    add_sun(&mut scene, Vec3::new(0.5, 0.6, 1.0).normalize(), 2.0);
    let mut settings = exact_settings();
    settings.environment.source = EnvironmentSource::Uniform([0.3; 3]);
    render_radiance(ctx, &scene, &ortho_front(1.05), settings, 48)
}

fn largest_difference(a: &[[f32; 4]], b: &[[f32; 4]]) -> f32 {
    a.iter()
        .zip(b)
        .flat_map(|(p, q)| (0..3).map(move |c| (p[c] - q[c]).abs()))
        .fold(0.0, f32::max)
}

fn grey(roughness: f32) -> Material {
    Material {
        base_color_factor: Vec4::new(0.5, 0.5, 0.5, 1.0),
        metallic_factor: 0.0,
        roughness_factor: roughness,
        ..Material::default()
    }
}

#[test]
fn each_extension_texture_scales_its_factor() {
    let ctx = gpu();
    // A layer at full strength; the texture whose zero turns it off; how to attach it.
    let cases: [(&str, Material, Attach, [u8; 4]); 5] = [
        (
            "clearcoat",
            Material {
                clearcoat: Some(Clearcoat {
                    factor: 1.0,
                    roughness_factor: 0.1,
                    ..Clearcoat::default()
                }),
                ..grey(0.5)
            },
            |m, t| m.clearcoat.as_mut().unwrap().texture = Some(t),
            [0, 255, 255, 255],
        ),
        (
            "sheen colour",
            Material {
                sheen: Some(Sheen {
                    color_factor: Vec3::ONE,
                    roughness_factor: 0.5,
                    ..Sheen::default()
                }),
                ..grey(0.5)
            },
            |m, t| m.sheen.as_mut().unwrap().color_texture = Some(t),
            [0, 0, 0, 255],
        ),
        (
            "specular",
            Material {
                specular: Some(Specular {
                    factor: 1.0,
                    ..Specular::default()
                }),
                ..grey(0.5)
            },
            |m, t| m.specular.as_mut().unwrap().texture = Some(t),
            [255, 255, 255, 0],
        ),
        (
            "specular colour",
            Material {
                specular: Some(Specular::default()),
                ..grey(0.5)
            },
            |m, t| m.specular.as_mut().unwrap().color_texture = Some(t),
            [0, 0, 0, 255],
        ),
        (
            "iridescence",
            Material {
                iridescence: Some(Iridescence {
                    factor: 1.0,
                    thickness_maximum: 400.0,
                    ..Iridescence::default()
                }),
                ..grey(0.5)
            },
            |m, t| m.iridescence.as_mut().unwrap().texture = Some(t),
            [0, 255, 255, 255],
        ),
    ];
    for (name, material, attach, off) in cases {
        let layered = lit_sphere(&ctx, material.clone(), None);
        let white = lit_sphere(&ctx, material.clone(), Some((attach, [255; 4])));
        let d = largest_difference(&white, &layered);
        assert!(d < 2e-3, "{name}: a white texture changes nothing ({d})");
        let zero = lit_sphere(&ctx, material.clone(), Some((attach, off)));
        let mut without = material;
        match name {
            "clearcoat" => without.clearcoat = None,
            "sheen colour" => without.sheen = None,
            "specular" => without.specular.as_mut().unwrap().factor = 0.0,
            "specular colour" => without.specular.as_mut().unwrap().color_factor = Vec3::ZERO,
            _ => without.iridescence = None,
        }
        let expected = lit_sphere(&ctx, without, None);
        assert!(
            largest_difference(&layered, &expected) > 0.02,
            "{name}: the texture has something to turn off"
        );
        let d = largest_difference(&zero, &expected);
        assert!(d < 2e-3, "{name}: the texture's zero turns the layer off ({d})");
    }
}

/// The unit sphere with tangents along its parallels (around +Y), so an anisotropy
/// direction of (1, 0) runs horizontally across the front.
fn sphere_with_tangents() -> Primitive {
    let mut sphere = sphere(96, 48);
    let tangents = sphere
        .positions
        .iter()
        .map(|p| {
            let around = Vec3::new(-p.z, 0.0, p.x);
            let t = if around.length() > 1e-4 {
                -around.normalize()
            } else {
                Vec3::X
            };
            t.extend(1.0)
        })
        .collect();
    sphere.tangents = Some(tangents);
    sphere
}

/// Highlight of a head-on sun on a smooth metal sphere: radiance 0.35 to the right of the
/// centre and 0.35 above it.
fn highlight_spread(ctx: &GpuContext, anisotropy: Option<Anisotropy>) -> (f32, f32) {
    let material = Material {
        base_color_factor: Vec4::ONE,
        metallic_factor: 1.0,
        roughness_factor: 0.3,
        anisotropy,
        ..Material::default()
    };
    let mut scene = scene_with(sphere_with_tangents(), material);
    add_sun(&mut scene, Vec3::Z, 1.0);
    let size = 64;
    let pixels = render_radiance(ctx, &scene, &ortho_front(1.0), exact_settings(), size);
    let at = |x: f32, y: f32| {
        let px = ((x + 1.0) * 0.5 * size as f32) as usize;
        let py = ((1.0 - y) * 0.5 * size as f32) as usize;
        Vec4::from_array(pixels[py * size as usize + px]).xyz().length()
    };
    (at(0.35, 0.0), at(0.0, 0.35))
}

#[test]
fn anisotropy_stretches_the_highlight_along_its_direction() {
    let ctx = gpu();
    let (right, above) = highlight_spread(&ctx, None);
    assert!(
        (right - above).abs() <= 0.1 * right.max(above),
        "isotropic: round ({right} right, {above} above)"
    );
    let along = Anisotropy {
        strength: 0.8,
        rotation: 0.0,
        texture: None,
    };
    let (right, above) = highlight_spread(&ctx, Some(along));
    assert!(
        right > 2.0 * above,
        "stretched sideways: {right} right, {above} above"
    );
    let turned = Anisotropy {
        rotation: std::f32::consts::FRAC_PI_2,
        ..along
    };
    let (right, above) = highlight_spread(&ctx, Some(turned));
    assert!(
        above > 2.0 * right,
        "turned upright: {right} right, {above} above"
    );
}

/// The thin-film Fresnel of KHR_materials_iridescence (Belcour and Barla 2017, as the
/// extension's reference implementation evaluates it), for a film of `ior` and
/// `thickness` nm over a base of reflectance `base_f0`, at cos θ = `cos_theta`.
fn thin_film_fresnel(ior: f32, cos_theta: f32, thickness: f32, base_f0: Vec3) -> Vec3 {
    use std::f32::consts::PI;
    let schlick = |f0: f32, c: f32| f0 + (1.0 - f0) * (1.0 - c).clamp(0.0, 1.0).powi(5);
    let film = 1.0 + (ior - 1.0) * smoothstep(0.0, 0.03, thickness);
    let cos2_t2 = 1.0 - (1.0 / (film * film)) * (1.0 - cos_theta * cos_theta);
    if cos2_t2 < 0.0 {
        return Vec3::ONE;
    }
    let cos_t2 = cos2_t2.sqrt();
    let r12 = schlick(((film - 1.0) / (film + 1.0)).powi(2), cos_theta);
    let t121 = 1.0 - r12;
    let phi21 = PI - if film < 1.0 { PI } else { 0.0 };
    let mut result = Vec3::ZERO;
    for c in 0..3 {
        let sqrt_f0 = base_f0[c].clamp(0.0, 0.9999).sqrt();
        let base_ior = (1.0 + sqrt_f0) / (1.0 - sqrt_f0);
        let r23 = schlick(((base_ior - film) / (base_ior + film)).powi(2), cos_t2);
        let phi = phi21 + if base_ior < film { PI } else { 0.0 };
        let r123 = (r12 * r23).clamp(1e-5, 0.9999);
        let rs = t121 * t121 * r23 / (1.0 - r123);
        let mut value = r12 + rs;
        let mut cm = rs - t121;
        for m in 1..=2 {
            cm *= r123.sqrt();
            let opd = m as f32 * 2.0 * film * thickness * cos_t2;
            value += cm * 2.0 * sensitivity(opd, m as f32 * phi)[c];
        }
        result[c] = value.max(0.0);
    }
    result
}

fn smoothstep(edge0: f32, edge1: f32, x: f32) -> f32 {
    let t = ((x - edge0) / (edge1 - edge0)).clamp(0.0, 1.0);
    t * t * (3.0 - 2.0 * t)
}

/// The colour-matching response to an optical path difference `opd` (nm) with phase
/// `shift`, in linear Rec. 709.
fn sensitivity(opd: f32, shift: f32) -> Vec3 {
    use std::f32::consts::PI;
    let phase = 2.0 * PI * opd * 1.0e-9;
    let val = [5.4856e-13f32, 4.4201e-13, 5.2481e-13];
    let pos = [1.6810e+06f32, 1.7953e+06, 2.2084e+06];
    let spread = [4.3278e+09f32, 9.3046e+09, 6.6121e+09];
    let mut xyz = [0.0f32; 3];
    for i in 0..3 {
        xyz[i] = val[i]
            * (2.0 * PI * spread[i]).sqrt()
            * (pos[i] * phase + shift).cos()
            * (-phase * phase * spread[i]).exp();
    }
    xyz[0] += 9.7470e-14
        * (2.0 * PI * 4.5282e+09f32).sqrt()
        * (2.2399e+06 * phase + shift).cos()
        * (-4.5282e+09 * phase * phase).exp();
    let [x, y, z] = xyz.map(|v| v / 1.0685e-7);
    Vec3::new(
        3.2404542 * x - 1.5371385 * y - 0.4985314 * z,
        -0.969266 * x + 1.8760108 * y + 0.0415560 * z,
        0.0556434 * x - 0.2040259 * y + 1.0572252 * z,
    )
}

#[test]
fn a_thin_film_on_a_mirror_metal_reflects_the_thin_film_fresnel() {
    // In a uniform white environment a smooth metal reflects its Fresnel term; with a
    // film at full strength, the film's.
    let ctx = gpu();
    let base = Vec3::new(0.95, 0.64, 0.54);
    let material = Material {
        base_color_factor: base.extend(1.0),
        metallic_factor: 1.0,
        roughness_factor: 0.0,
        iridescence: Some(Iridescence {
            factor: 1.0,
            ior: 1.3,
            thickness_minimum: 100.0,
            thickness_maximum: 450.0,
            texture: None,
            thickness_texture: None,
        }),
        ..Material::default()
    };
    let mut scene = scene_with(sphere(128, 64), material);
    add_sun(&mut scene, Vec3::Y, 0.0);
    let mut settings = exact_settings();
    settings.environment.source = EnvironmentSource::Uniform([1.0; 3]);
    let size = 64;
    let pixels = render_radiance(&ctx, &scene, &ortho_front(1.05), settings, size);
    let mut checked = 0;
    let mut hue_spread: f32 = 0.0;
    for (i, pixel) in pixels.iter().enumerate() {
        let (x, y) = ((i as u32 % size) as f32, (i as u32 / size) as f32);
        let px = ((x + 0.5) / size as f32 * 2.0 - 1.0) * 1.05;
        let py = (1.0 - (y + 0.5) / size as f32 * 2.0) * 1.05;
        let r2 = px * px + py * py;
        if r2 > 0.8 {
            continue; // the silhouette's facets
        }
        let cos_theta = (1.0 - r2).sqrt();
        let expected = thin_film_fresnel(1.3, cos_theta, 450.0, base);
        let got = Vec4::from_array(*pixel).xyz();
        assert!(
            got.abs_diff_eq(expected, 0.03),
            "n·v {cos_theta}: {got} vs {expected}"
        );
        hue_spread = hue_spread.max(got.max_element() - got.min_element());
        checked += 1;
    }
    assert!(checked > 1500, "{checked}");
    // The film's colours are not the copper's own Fresnel (its base colour head-on).
    assert!(
        (thin_film_fresnel(1.3, 1.0, 450.0, base) - base).length() > 0.1,
        "the film changes the colour at normal incidence"
    );
    assert!(hue_spread > 0.1, "{hue_spread}");
}
