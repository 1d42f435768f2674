//! A scene built to use every feature the GLB writer handles: all material fields and
//! texture slots with transforms and both UV sets, every material extension, material
//! variants, opaque and translucent images,
//! samplers, textures with and without image or sampler, triangles with every attribute
//! and morph targets, lines, points, a mesh past 65535 vertices, a skinned mesh, nodes
//! with TRS (a mirror among them) and extras, a removed subtree, lights of each kind,
//! both camera projections, a skin, an animation with every property and
//! interpolation, and XMP packets (`KHR_xmp_json_ld`) on the asset, a node, a mesh, a
//! material and an image, two of them equal.

use museion_scene::glam::{self, Mat4, Quat, Vec2, Vec3, Vec4};
use museion_scene::*;
use serde_json::json;
use std::f32::consts::FRAC_PI_4;

/// An XMP packet with a title and a rights statement.
pub fn packet(title: &str) -> XmpPacket {
    XmpPacket::from_json(json!({
        "@context": {
            "dc": "http://purl.org/dc/elements/1.1/",
            "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
        },
        "dc:title": { "@type": "rdf:Alt", "rdf:_1": { "@language": "x-default", "@value": title } },
        "dc:rights": "CC0",
        "xmp:Rating": null
    }))
    .expect("an object")
}

fn slot(texture: u32, tex_coord: u32, color_space: ColorSpace) -> Option<TextureRef> {
    Some(TextureRef {
        texture: TextureId(texture),
        tex_coord,
        transform: TextureTransform::IDENTITY,
        color_space,
    })
}

fn image(name: &str, width: u32, height: u32, alpha: u8) -> Image {
    let pixels = (0..width * height)
        .flat_map(|i| {
            // Alpha varies unless the image is meant to be opaque.
            let a = if alpha == 255 { 255 } else { alpha ^ (i as u8 & 1) };
            [(i * 37) as u8, (i * 11 + 5) as u8, (255 - i * 3) as u8, a]
        })
        .collect();
    Image::rgba8(Some(name.into()), width, height, pixels, ImageSourceFormat::Jpeg)
}

fn materials() -> Vec<Material> {
    let mut base = slot(0, 1, ColorSpace::Srgb).unwrap();
    base.transform = TextureTransform {
        offset: Vec2::new(0.25, -0.5),
        rotation: 0.3,
        scale: Vec2::new(2.0, 0.5),
    };
    let everything = Material {
        name: Some("everything".into()),
        base_color_factor: Vec4::new(0.9, 0.5, 0.1, 0.8),
        base_color_texture: Some(base),
        metallic_factor: 0.3,
        roughness_factor: 0.6,
        metallic_roughness_texture: slot(2, 0, ColorSpace::Linear),
        normal_texture: slot(2, 0, ColorSpace::Linear),
        normal_scale: 0.7,
        occlusion_texture: slot(0, 1, ColorSpace::Linear),
        occlusion_strength: 0.35,
        emissive_factor: Vec3::new(0.2, 0.4, 0.6),
        emissive_texture: slot(1, 0, ColorSpace::Srgb),
        emissive_strength: 5.0,
        alpha_mode: AlphaMode::Mask { cutoff: 0.35 },
        double_sided: true,
        unlit: false,
        extras: Some(json!({ "artist": "Museion tests", "year": 2024 })),
        xmp: Some(packet("Textured")),
        ..Material::default()
    };
    let unlit = Material {
        name: Some("unlit".into()),
        unlit: true,
        alpha_mode: AlphaMode::Blend,
        base_color_factor: Vec4::new(0.1, 0.2, 0.3, 0.4),
        ..Material::default()
    };
    vec![everything, unlit, Material::default(), layered()]
}

/// A material with every lobe and layer extension, each texture slot filled (textures 0
/// and 2, which have images) and some transformed or on UV set 1.
fn layered() -> Material {
    let mut moved = slot(2, 1, ColorSpace::Linear).unwrap();
    moved.transform = TextureTransform {
        offset: Vec2::new(0.1, 0.2),
        rotation: -0.4,
        scale: Vec2::new(1.5, 1.0),
    };
    let srgb = slot(0, 0, ColorSpace::Srgb);
    let linear = slot(0, 0, ColorSpace::Linear);
    Material {
        name: Some("layered".into()),
        metallic_factor: 0.0,
        ior: 1.45,
        specular: Some(Specular {
            factor: 0.7,
            texture: Some(moved),
            color_factor: Vec3::new(1.5, 1.0, 0.5),
            color_texture: srgb,
        }),
        clearcoat: Some(Clearcoat {
            factor: 0.9,
            texture: linear,
            roughness_factor: 0.2,
            roughness_texture: Some(moved),
            normal_texture: slot(2, 0, ColorSpace::Linear),
            normal_scale: 0.6,
        }),
        sheen: Some(Sheen {
            color_factor: Vec3::new(0.3, 0.2, 0.1),
            color_texture: srgb,
            roughness_factor: 0.4,
            roughness_texture: linear,
        }),
        transmission: Some(Transmission {
            factor: 0.5,
            texture: Some(moved),
        }),
        volume: Some(Volume {
            thickness_factor: 0.25,
            thickness_texture: linear,
            attenuation_distance: 2.0,
            attenuation_color: Vec3::new(0.9, 0.5, 0.25),
        }),
        iridescence: Some(Iridescence {
            factor: 0.6,
            texture: linear,
            ior: 1.4,
            thickness_minimum: 150.0,
            thickness_maximum: 450.0,
            thickness_texture: Some(moved),
        }),
        anisotropy: Some(Anisotropy {
            strength: 0.8,
            rotation: 0.3,
            texture: linear,
        }),
        dispersion: 0.25,
        ..Material::default()
    }
}

pub fn grid_primitive(n: u32) -> Primitive {
    let positions: Vec<Vec3> = (0..n * n)
        .map(|i| Vec3::new((i % n) as f32, (i / n) as f32 * 0.5, 0.0))
        .collect();
    let mut indices = Vec::new();
    for y in 0..n - 1 {
        for x in 0..n - 1 {
            let i = y * n + x;
            indices.extend([i, i + 1, i + n, i + 1, i + n + 1, i + n]);
        }
    }
    Primitive::new(
        Topology::Triangles,
        positions,
        vec![Vec3::Z; (n * n) as usize],
        indices,
    )
}

fn sculpture_mesh() -> Mesh {
    let mut p = grid_primitive(3);
    let n = p.vertex_count();
    p.tangents = Some(
        (0..n)
            .map(|i| Vec4::new(1.0, 0.0, 0.0, if i % 2 == 0 { 1.0 } else { -1.0 }))
            .collect(),
    );
    p.uv0 = Some((0..n).map(|i| Vec2::new(i as f32 / 9.0, 0.1)).collect());
    p.uv1 = Some((0..n).map(|i| Vec2::new(0.3, 1.0 - i as f32 / 7.0)).collect());
    p.colors = Some(
        (0..n)
            .map(|i| Vec4::new(0.5, i as f32 / 9.0, 0.25, 0.75))
            .collect(),
    );
    p.material = Some(MaterialId(0));
    p.morph_targets = vec![
        MorphTarget {
            positions: vec![Vec3::new(0.0, 0.0, 0.5); n],
            normals: vec![Vec3::new(0.1, 0.0, 0.0); n],
            tangents: Vec::new(),
        },
        MorphTarget {
            positions: Vec::new(),
            normals: Vec::new(),
            tangents: vec![Vec3::new(0.0, 0.25, 0.0); n],
        },
    ];
    let mut mesh = Mesh::new(Some("sculpture".into()), vec![p]);
    mesh.weights = vec![0.25, 0.5];
    mesh.extras = Some(json!({ "lod": 0 }));
    mesh.xmp = Some(packet("Sculpture"));
    mesh
}

fn other_meshes() -> Vec<Mesh> {
    let mut lines = Primitive::new(
        Topology::Lines,
        vec![Vec3::ZERO, Vec3::X, Vec3::Y],
        Vec::new(),
        vec![0, 1, 1, 2],
    );
    lines.material = Some(MaterialId(1));
    let points = Primitive::new(
        Topology::Points,
        vec![Vec3::ONE, Vec3::NEG_ONE],
        Vec::new(),
        vec![1, 0],
    );
    // 300 × 300 vertices: indices past 65535 need UNSIGNED_INT.
    let mut big = grid_primitive(300);
    big.material = Some(MaterialId(2));
    let mut skinned = grid_primitive(2);
    skinned.joints = Some(vec![[0, 1, 0, 0], [1, 0, 0, 0], [0, 0, 0, 0], [1, 0, 0, 0]]);
    skinned.weights = Some(vec![
        Vec4::new(0.5, 0.5, 0.0, 0.0),
        Vec4::X,
        Vec4::X,
        Vec4::new(0.25, 0.75, 0.0, 0.0),
    ]);
    vec![
        Mesh::new(Some("wire".into()), vec![lines, points]),
        Mesh::new(Some("floor".into()), vec![big]),
        Mesh::new(None, vec![skinned]),
    ]
}

fn trs(t: [f32; 3], r: Quat, s: [f32; 3]) -> Transform {
    Transform {
        translation: Vec3::from_array(t),
        rotation: r,
        scale: Vec3::from_array(s),
    }
}

/// The feature scene, and a node id that was removed from it.
pub fn feature_scene() -> (Scene, NodeId) {
    let mut s = Scene::new();
    s.name = Some("hall".into());
    s.extras = Some(json!({ "venue": "test hall" }));
    s.asset_xmp = Some(packet("Hall"));
    let mut checker = image("checker", 3, 2, 200);
    checker.xmp = Some(packet("Checker"));
    s.add_image(checker);
    s.add_image(image("opaque", 4, 4, 255));
    s.add_sampler(Sampler::default());
    s.add_sampler(Sampler {
        mag_filter: Filter::Nearest,
        min_filter: MinFilter {
            filter: Filter::Nearest,
            mipmap: Some(Filter::Linear),
        },
        wrap_u: WrapMode::ClampToEdge,
        wrap_v: WrapMode::MirroredRepeat,
    });
    s.add_texture(Texture {
        name: Some("t0".into()),
        image: Some(ImageId(0)),
        sampler: Some(SamplerId(1)),
    });
    // Texture 1 has no image (as after a failed decode): it and its slot are not
    // written, and texture 2 becomes texture 1.
    s.add_texture(Texture {
        name: Some("no image".into()),
        image: None,
        sampler: Some(SamplerId(0)),
    });
    s.add_texture(Texture {
        name: None,
        image: Some(ImageId(1)),
        sampler: None,
    });
    s.materials = materials();
    s.add_mesh(sculpture_mesh());
    s.meshes.extend(other_meshes());
    // Variants: the sculpture is "gilded" (material 3) or "matte" (1); the floor (mesh
    // 2) is "matte" only; "bare" maps nothing.
    s.variants.names = vec!["gilded".into(), "matte".into(), "bare".into()];
    s.variants.mappings = vec![
        VariantMapping {
            mesh: MeshId(0),
            primitive: 0,
            default_material: Some(MaterialId(0)),
            materials: vec![(0, MaterialId(3)), (1, MaterialId(1))],
        },
        VariantMapping {
            mesh: MeshId(2),
            primitive: 0,
            default_material: Some(MaterialId(2)),
            materials: vec![(1, MaterialId(3))],
        },
    ];
    let light = |name: &str, kind, range, cast_shadows| Light {
        name: Some(name.into()),
        kind,
        color: Vec3::new(1.0, 0.8, 0.6),
        intensity: 120.0,
        range,
        cast_shadows,
    };
    s.add_light(light("sun", LightKind::Directional, None, false));
    s.add_light(light("bulb", LightKind::Point, Some(8.0), true));
    let cone = LightKind::Spot {
        inner_cone_angle: 0.1,
        outer_cone_angle: FRAC_PI_4,
    };
    s.add_light(light("spot", cone, None, true));
    let perspective = |aspect_ratio, zfar| Projection::Perspective {
        yfov: 0.9,
        aspect_ratio,
        znear: 0.05,
        zfar,
    };
    s.add_camera(Camera {
        name: Some("guide".into()),
        projection: perspective(Some(1.5), Some(200.0)),
    });
    s.add_camera(Camera {
        name: None,
        projection: perspective(None, None),
    });
    let ortho = Projection::Orthographic {
        xmag: 4.0,
        ymag: 3.0,
        znear: 0.0,
        zfar: 50.0,
    };
    s.add_camera(Camera {
        name: Some("plan".into()),
        projection: ortho,
    });

    let rot = Quat::from_euler(glam::EulerRot::YXZ, 0.7, -0.2, 0.1);
    let root = s
        .add_node(
            Node::new()
                .with_name("venue")
                .with_transform(trs([1.0, 0.0, -2.0], rot, [2.0, 2.0, 2.0])),
            None,
        )
        .unwrap();
    // A subtree removed before export: its slots are free and must not appear.
    let doomed = s.add_node(Node::new().with_name("doomed"), Some(root)).unwrap();
    s.add_node(Node::new().with_name("doomed child"), Some(doomed))
        .unwrap();
    let mut exhibit = Node::new().with_name("exhibit").with_mesh(MeshId(0));
    exhibit.extras = Some(json!({ "title": "Sculpture", "artist": "Anonymous", "year": 1890 }));
    exhibit.morph_weights = Some(vec![0.75, 0.125]);
    exhibit.xmp = Some(packet("Sculpture"));
    let mirrored = trs([0.0, 1.0, 0.0], Quat::from_rotation_x(0.4), [-1.0, 1.0, 0.5]);
    let exhibit = s.add_node(exhibit.with_transform(mirrored), Some(root)).unwrap();
    s.remove_node(doomed).unwrap();
    let wire = s
        .add_node(Node::new().with_name("wire").with_mesh(MeshId(1)), Some(exhibit))
        .unwrap();
    s.add_node(Node::new().with_mesh(MeshId(2)), None).unwrap();
    for (i, name) in ["sun", "bulb", "spot"].iter().enumerate() {
        let mut node = Node::new().with_name(format!("{name} node"));
        node.light = Some(LightId(i as u32));
        s.add_node(
            node.with_transform(trs([i as f32, 3.0, 0.0], rot, [1.0; 3])),
            Some(root),
        )
        .unwrap();
    }
    for i in 0..3 {
        let mut node = Node::new();
        node.camera = Some(CameraId(i));
        s.add_node(node, Some(wire)).unwrap();
    }
    let j0 = s.add_node(Node::new().with_name("j0"), None).unwrap();
    let j1 = s
        .add_node(
            Node::new()
                .with_name("j1")
                .with_transform(trs([0.0, 1.0, 0.0], Quat::IDENTITY, [1.0; 3])),
            Some(j0),
        )
        .unwrap();
    let mut skinned = Node::new().with_name("skinned").with_mesh(MeshId(3));
    skinned.skin = Some(SkinId(0));
    // A skinned mesh node is a root: glTF ignores the transforms of its parents.
    s.add_node(skinned, None).unwrap();
    s.skins.push(Skin {
        name: Some("rig".into()),
        joints: vec![j0, j1],
        inverse_bind_matrices: vec![Mat4::IDENTITY, Mat4::from_translation(Vec3::new(0.0, -1.0, 0.0))],
        skeleton: Some(j0),
    });
    let keys = |interpolation, times: &[f32], values: Vec<f32>| AnimationSampler {
        times: times.to_vec(),
        values,
        interpolation,
    };
    let channel = |target, property, sampler| AnimationChannel {
        target,
        property,
        sampler,
    };
    s.animations.push(Animation {
        name: Some("show".into()),
        channels: vec![
            channel(j1, AnimationProperty::Rotation, 0),
            channel(j1, AnimationProperty::Translation, 1),
            channel(exhibit, AnimationProperty::Scale, 2),
            channel(exhibit, AnimationProperty::MorphWeights, 3),
        ],
        pointer_channels: Vec::new(),
        samplers: vec![
            keys(
                Interpolation::Linear,
                &[0.0, 1.0],
                [Quat::IDENTITY, Quat::from_rotation_z(1.0)]
                    .iter()
                    .flat_map(|q| q.to_array())
                    .collect(),
            ),
            keys(
                Interpolation::Step,
                &[0.0, 0.5, 2.0],
                vec![0.0, 1.0, 0.0, 0.0, 2.0, 0.0, 0.0, 1.0, 0.0],
            ),
            keys(
                Interpolation::CubicSpline,
                &[0.0, 1.0],
                (0..18).map(|i| 1.0 + i as f32 * 0.1).collect(),
            ),
            keys(Interpolation::Linear, &[0.25, 0.75], vec![0.0, 1.0, 1.0, 0.0]),
        ],
    });
    (s, doomed)
}
