//! FlightHelmet: counts, bounds and warnings, materials with PNG images, the node
//! hierarchy and the tangents the file gives.

use super::{
    Expected, LINEAR_MIPMAP_LINEAR_REPEAT, MAT, Mat, NO_COUNTS, Prim, assert_pixel, assert_trs, check_images,
    check_materials, check_model, check_textures, load, node_by_name, prim,
};
use museion_gltf::{DocumentCounts, Imported};
use museion_scene::{AlphaMode, ImageSourceFormat, MeshId};
use std::sync::OnceLock;

model!(flight_helmet, "FlightHelmet/FlightHelmet.gltf");

#[rustfmt::skip]
const FLIGHT_HELMET_PRIMS: &[Prim] = &[
    prim(0, 0, 10472, 59040, 0, [-0.07221258, 0.104120225, -0.088394776], [0.10810829, 0.356580257, 0.190409869]),
    prim(1, 0, 13638, 72534, 1, [-0.158857465, -2.14242937e-05, -0.171545789], [0.162940636, 0.7025226, 0.200029165]),
    prim(2, 0, 4676, 24408, 2, [-0.140846014, 0.440957, -0.107818365], [0.140494063, 0.61828655, 0.147373646]),
    prim(3, 0, 13636, 60288, 3, [-0.203642711, 0.02116075, -0.147512689], [0.132708371, 0.6024364, 0.199477077]),
    prim(4, 0, 12534, 65688, 4, [-0.125863016, 0.2958266, -0.1541516], [0.124933377, 0.716000438, 0.129168555]),
    prim(5, 0, 436, 2208, 5, [-0.101920947, 0.5300429, 0.090174824], [0.101920746, 0.5936986, 0.152926728]),
];

const FLIGHT_HELMET: Expected = Expected {
    file: "FlightHelmet",
    generator: Some("babylon.js glTF exporter for Maya 2018 v20200228.3 (with minor hand modifications)"),
    extensions_used: &[],
    counts: DocumentCounts {
        nodes: 6,
        meshes: 6,
        primitives: 6,
        materials: 6,
        textures: 15,
        images: 15,
        samplers: 1,
        accessors: 30,
        ..NO_COUNTS
    },
    scene_nodes: &[
        "Hose_low",
        "RubberWood_low",
        "GlassPlastic_low",
        "MetalParts_low",
        "LeatherParts_low",
        "Lenses_low",
    ],
    mesh_nodes: &[
        ("Hose_low", 0),
        ("RubberWood_low", 1),
        ("GlassPlastic_low", 2),
        ("MetalParts_low", 3),
        ("LeatherParts_low", 4),
        ("Lenses_low", 5),
    ],
    // (59040 + 72534 + 24408 + 60288 + 65688 + 2208) / 3; Σ POSITION counts.
    triangles: 94722,
    vertices: 55392,
    bounds: (
        [-0.203642711, -2.14242937e-05, -0.171545789],
        [0.162940636, 0.716000438, 0.200029165],
    ),
    primitives: FLIGHT_HELMET_PRIMS,
    warnings: &[],
};

#[test]
fn flight_helmet_counts_geometry_bounds_instances_and_warnings() {
    check_model(&FLIGHT_HELMET, flight_helmet());
}

#[test]
fn flight_helmet_materials_textures_and_png_images() {
    let m = flight_helmet();
    // Each material: baseColor = normal + 2, metallicRoughness = occlusion = normal + 1.
    let helmet = |name, normal: u32| Mat {
        name,
        base_tex: Some((normal + 2, 0)),
        mr_tex: Some((normal + 1, 0)),
        normal_tex: Some((normal, 0)),
        occlusion_tex: Some((normal + 1, 0)),
        ..MAT
    };
    check_materials(
        "FlightHelmet",
        m,
        &[
            Mat {
                double_sided: true,
                ..helmet("HoseMat", 0)
            },
            helmet("RubberWoodMat", 0),
            helmet("GlassPlasticMat", 3),
            helmet("MetalPartsMat", 6),
            helmet("LeatherPartsMat", 9),
            Mat {
                alpha: AlphaMode::Blend,
                ..helmet("LensesMat", 12)
            },
        ],
    );
    let names = [
        "FlightHelmet_Materials_RubberWoodMat_Normal.png",
        "FlightHelmet_Materials_RubberWoodMat_OcclusionRoughMetal.png",
        "FlightHelmet_Materials_RubberWoodMat_BaseColor.png",
        "FlightHelmet_Materials_GlassPlasticMat_Normal.png",
        "FlightHelmet_Materials_GlassPlasticMat_OcclusionRoughMetal.png",
        "FlightHelmet_Materials_GlassPlasticMat_BaseColor.png",
        "FlightHelmet_Materials_MetalPartsMat_Normal.png",
        "FlightHelmet_Materials_MetalPartsMat_OcclusionRoughMetal.png",
        "FlightHelmet_Materials_MetalPartsMat_BaseColor.png",
        "FlightHelmet_Materials_LeatherPartsMat_Normal.png",
        "FlightHelmet_Materials_LeatherPartsMat_OcclusionRoughMetal.png",
        "FlightHelmet_Materials_LeatherPartsMat_BaseColor.png",
        "FlightHelmet_Materials_LensesMat_Normal.png",
        "FlightHelmet_Materials_LensesMat_OcclusionRoughMetal.png",
        "FlightHelmet_Materials_LensesMat_BaseColor.png",
    ];
    // Texture i is named like image i and uses it.
    let textures: Vec<(Option<&str>, u32)> = (0..15).map(|i| (Some(names[i]), i as u32)).collect();
    check_textures("FlightHelmet", m, &textures);
    assert_eq!(m.scene.samplers, vec![LINEAR_MIPMAP_LINEAR_REPEAT]);
    // PNG IHDR: every image 512x512 except LensesMat_Normal, 32x32.
    let images: Vec<_> = (0..15)
        .map(|i| {
            let side = if i == 12 { 32 } else { 512 };
            (Some(names[i]), side, side, ImageSourceFormat::Png)
        })
        .collect();
    check_images("FlightHelmet", m, &images);
    // Texels inflated with zlib and unfiltered in Python. LensesMat_BaseColor is RGBA
    // (colour type 6), LensesMat_Normal RGB (colour type 2, alpha 255).
    assert_pixel(m, 12, 5, 9, [127, 127, 255, 255]);
    assert_pixel(m, 14, 0, 0, [115, 112, 87, 172]);
    assert_pixel(m, 14, 100, 200, [141, 136, 105, 138]);
    assert_pixel(m, 14, 511, 511, [136, 132, 103, 156]);
    assert_pixel(m, 14, 300, 40, [113, 111, 85, 152]);
}

#[test]
fn flight_helmet_nodes_and_file_tangents() {
    let scene = &flight_helmet().scene;
    for (name, mesh) in FLIGHT_HELMET.mesh_nodes {
        assert_trs(scene, name, [0.0; 3], [0.0, 0.0, 0.0, 1.0], [1.0; 3]);
        let node = scene.node(node_by_name(scene, name)).expect("live");
        assert_eq!(node.mesh, Some(MeshId(*mesh)), "{name}");
    }
    // Every primitive has NORMAL and TANGENT in the file: kept as they are, so no vertex
    // is split or added.
    for p in FLIGHT_HELMET.primitives {
        let got = &scene.meshes[p.mesh].primitives[0];
        assert_eq!(got.vertex_count(), p.vertices as usize, "mesh {}", p.mesh);
        assert_eq!(got.tangents.as_ref().map(Vec::len), Some(p.vertices as usize));
        assert!(got.uv0.is_some() && got.uv1.is_none());
    }
}
