//! Comparing a scene with the one imported from its export: the same node tree (walked
//! depth first), names, extras and world transforms, meshes vertex by vertex, materials
//! field by field, texels exactly, lights, cameras, skins and animations.

use museion_scene::glam::Vec3;
use museion_scene::*;
use std::collections::HashMap;

/// Every node of `a` with its counterpart in `b`: both walked depth first from the roots,
/// which must give the same shape (same child counts at every step).
pub fn node_map(a: &Scene, b: &Scene) -> HashMap<NodeId, NodeId> {
    assert_eq!(a.node_count(), b.node_count(), "node count");
    assert_eq!(a.roots().len(), b.roots().len(), "root count");
    let pairs: Vec<(NodeId, NodeId)> = a.traverse().zip(b.traverse()).collect();
    assert_eq!(pairs.len(), a.node_count());
    let map: HashMap<NodeId, NodeId> = pairs.iter().copied().collect();
    for (na, nb) in pairs {
        let (x, y) = (a.node(na).unwrap(), b.node(nb).unwrap());
        let kids: Vec<NodeId> = x.children().iter().map(|c| map[c]).collect();
        assert_eq!(kids, y.children(), "children of {:?}", x.name);
        assert_eq!(x.parent().map(|p| map[&p]), y.parent(), "parent of {:?}", x.name);
    }
    map
}

#[track_caller]
fn assert_close(a: &[f32], b: &[f32], tol: f32, what: &str) {
    assert_eq!(a.len(), b.len(), "{what}: length");
    for (i, (x, y)) in a.iter().zip(b).enumerate() {
        assert!((x - y).abs() <= tol, "{what}[{i}]: {x} vs {y}");
    }
}

fn flat<const N: usize, T: Copy>(v: &[T], f: impl Fn(T) -> [f32; N]) -> Vec<f32> {
    v.iter().flat_map(|x| f(*x)).collect()
}

/// `b` (imported from the export of `a`) holds the same scene as `a`.
pub fn assert_same(a: &Scene, b: &Scene, file: &str) {
    let map = node_map(a, b);
    assert_eq!((&a.name, &a.extras), (&b.name, &b.extras), "{file}: scene");
    assert_eq!(a.asset_xmp, b.asset_xmp, "{file}: the asset's XMP");
    for (na, nb) in &map {
        let (x, y) = (a.node(*na).unwrap(), b.node(*nb).unwrap());
        let what = format!("{file}: node {:?}", x.name);
        assert_eq!(
            (&x.name, &x.extras, &x.xmp),
            (&y.name, &y.extras, &y.xmp),
            "{what}"
        );
        assert_eq!(
            (x.mesh, x.light, x.camera, x.skin),
            (y.mesh, y.light, y.camera, y.skin),
            "{what}"
        );
        assert_eq!(x.morph_weights, y.morph_weights, "{what}");
        let (wa, wb) = (a.world_matrix(*na).unwrap(), b.world_matrix(*nb).unwrap());
        let tol = 1e-5 * wa.to_cols_array().iter().fold(1.0f32, |m, v| m.max(v.abs()));
        assert!(wa.abs_diff_eq(wb, tol), "{what}: world {wa} vs {wb}");
    }
    assert_eq!(a.meshes.len(), b.meshes.len(), "{file}: meshes");
    for (m, (ma, mb)) in a.meshes.iter().zip(&b.meshes).enumerate() {
        assert_eq!(
            (&ma.name, &ma.extras, &ma.xmp),
            (&mb.name, &mb.extras, &mb.xmp),
            "{file}: mesh {m}"
        );
        assert_eq!(
            ma.primitives.len(),
            mb.primitives.len(),
            "{file}: mesh {m} primitives"
        );
        assert_eq!(
            ma.triangle_count(),
            mb.triangle_count(),
            "{file}: mesh {m} triangles"
        );
        if !(ma.weights.is_empty() && mb.weights.iter().all(|w| *w == 0.0)) {
            assert_eq!(ma.weights, mb.weights, "{file}: mesh {m} weights");
        }
        for (p, (pa, pb)) in ma.primitives.iter().zip(&mb.primitives).enumerate() {
            assert_same_primitive(pa, pb, &format!("{file}: mesh {m} primitive {p}"));
        }
    }
    let (textures, materials) = without_imageless_textures(a);
    for (i, (x, y)) in materials.iter().zip(&b.materials).enumerate() {
        assert_eq!(x, y, "{file}: material {i}");
    }
    assert_eq!(materials.len(), b.materials.len(), "{file}: materials");
    assert_eq!(a.variant_names(), b.variant_names(), "{file}: variant names");
    assert_eq!(
        a.variants.mappings, b.variants.mappings,
        "{file}: variant mappings"
    );
    assert_eq!(textures, b.textures, "{file}: textures");
    assert_eq!(a.samplers, b.samplers, "{file}: samplers");
    assert_eq!(a.images.len(), b.images.len(), "{file}: images");
    for (i, (x, y)) in a.images.iter().zip(&b.images).enumerate() {
        assert_eq!(
            (&x.name, x.width, x.height, &x.xmp),
            (&y.name, y.width, y.height, &y.xmp),
            "{file}: image {i}"
        );
        assert!(x.to_rgba8() == y.to_rgba8(), "{file}: image {i} pixels differ");
        assert_eq!(
            y.source_format,
            ImageSourceFormat::Png,
            "{file}: image {i} is PNG now"
        );
    }
    assert_eq!(
        (&a.lights, &a.cameras),
        (&b.lights, &b.cameras),
        "{file}: lights, cameras"
    );
    assert_eq!(a.skins.len(), b.skins.len(), "{file}: skins");
    for (sa, sb) in a.skins.iter().zip(&b.skins) {
        let joints: Vec<NodeId> = sa.joints.iter().map(|j| map[j]).collect();
        assert_eq!((&sa.name, &joints), (&sb.name, &sb.joints), "{file}: skin joints");
        assert_eq!(
            sa.inverse_bind_matrices, sb.inverse_bind_matrices,
            "{file}: skin matrices"
        );
        assert_eq!(sa.skeleton.map(|s| map[&s]), sb.skeleton, "{file}: skeleton");
    }
    assert_eq!(a.animations.len(), b.animations.len(), "{file}: animations");
    for (aa, ab) in a.animations.iter().zip(&b.animations) {
        assert_eq!(aa.name, ab.name, "{file}: animation");
        assert_eq!(
            aa.channels.len(),
            ab.channels.len(),
            "{file}: {:?} channels",
            aa.name
        );
        for (ca, cb) in aa.channels.iter().zip(&ab.channels) {
            assert_eq!(
                (map[&ca.target], ca.property),
                (cb.target, cb.property),
                "{file}: channel"
            );
            assert_eq!(
                aa.samplers[ca.sampler], ab.samplers[cb.sampler],
                "{file}: channel keys"
            );
        }
        // Materials, lights and cameras keep their ids through export and import.
        let pointers = |a: &Animation| {
            a.pointer_channels
                .iter()
                .map(|c| (c.target, a.samplers[c.sampler].clone()))
                .collect::<Vec<_>>()
        };
        assert_eq!(
            pointers(aa),
            pointers(ab),
            "{file}: {:?} pointer channels",
            aa.name
        );
    }
}

fn assert_same_primitive(pa: &Primitive, pb: &Primitive, what: &str) {
    assert_eq!(pa.topology, pb.topology, "{what}");
    assert_eq!(pa.vertex_count(), pb.vertex_count(), "{what}: vertices");
    assert_eq!(pa.triangle_count(), pb.triangle_count(), "{what}: triangles");
    assert_eq!(pa.indices, pb.indices, "{what}: indices");
    assert_eq!(pa.material, pb.material, "{what}: material");
    assert_eq!(pa.positions, pb.positions, "{what}: positions (bitwise)");
    // The importer normalises normals again: equal up to f32 rounding.
    let n3 = |v: &[Vec3]| flat(v, |x: Vec3| x.to_array());
    assert_close(
        &n3(&pa.normals),
        &n3(&pb.normals),
        2.0 * f32::EPSILON,
        &format!("{what}: normals"),
    );
    assert_eq!(pa.tangents, pb.tangents, "{what}: tangents");
    assert_eq!((&pa.uv0, &pa.uv1), (&pb.uv0, &pb.uv1), "{what}: uvs");
    assert_eq!(pa.colors, pb.colors, "{what}: colours");
    assert_eq!(
        (&pa.joints, &pa.weights),
        (&pb.joints, &pb.weights),
        "{what}: skinning"
    );
    assert_eq!(
        (&pa.joints_1, &pa.weights_1),
        (&pb.joints_1, &pb.weights_1),
        "{what}: fifth to eighth influences"
    );
    assert_eq!(pa.morph_targets, pb.morph_targets, "{what}: morph targets");
}

/// The textures and materials of `a` as the export writes them: textures without an
/// image left out (the others renumbered), and the core material slots using them
/// emptied.
fn without_imageless_textures(a: &Scene) -> (Vec<Texture>, Vec<Material>) {
    let mut renumbered = Vec::new();
    let mut next = 0;
    for texture in &a.textures {
        renumbered.push(texture.image.map(|_| {
            next += 1;
            TextureId(next - 1)
        }));
    }
    let textures = a.textures.iter().filter(|t| t.image.is_some()).cloned().collect();
    let mut materials = a.materials.clone();
    for m in &mut materials {
        for slot in [
            &mut m.base_color_texture,
            &mut m.metallic_roughness_texture,
            &mut m.normal_texture,
            &mut m.occlusion_texture,
            &mut m.emissive_texture,
        ] {
            *slot = slot.filter(|s| renumbered[s.texture.index()].is_some());
        }
        // The scenes compared use only textures with images in the extension slots.
        for (name, slot) in m.texture_slots_mut() {
            slot.texture = renumbered[slot.texture.index()]
                .unwrap_or_else(|| panic!("{name}: a texture without an image"));
        }
    }
    (textures, materials)
}
