//! `KHR_xmp_json_ld`: the packets of the asset, nodes, meshes, materials and images kept
//! in the scene; packets and references of the wrong shape are warnings, never errors.

use crate::support::{Gltf, import, png};
use museion_scene::XmpPacket;
use serde_json::{Value, json};

const DC: &str = "http://purl.org/dc/elements/1.1/";

/// A document with a textured triangle, the given packets, and the given
/// `KHR_xmp_json_ld` objects on its asset, node, mesh, material and image.
fn document(packets: Value, refs: [Value; 5]) -> Gltf {
    let mut g = crate::support::triangle();
    let [asset, node, mesh, material, image] = refs;
    let ext = |value: Value| json!({ "KHR_xmp_json_ld": value });
    let image_index = g.image_in_buffer(&png(2, 2), "image/png");
    let texture = g.push("textures", json!({ "source": image_index }));
    g.push(
        "materials",
        json!({ "pbrMetallicRoughness": { "baseColorTexture": { "index": texture } } }),
    );
    g.json["meshes"][0]["primitives"][0]["material"] = json!(0);
    let uv = g.floats(&[0.0, 0.0, 1.0, 0.0, 0.0, 1.0], "VEC2");
    g.json["meshes"][0]["primitives"][0]["attributes"]["TEXCOORD_0"] = json!(uv);
    for (pointer, value) in [
        ("/asset", asset),
        ("/nodes/0", node),
        ("/meshes/0", mesh),
        ("/materials/0", material),
        ("/images/0", image),
    ] {
        if !value.is_null() {
            g.json.pointer_mut(pointer).expect("the object")["extensions"] = ext(value);
        }
    }
    g.json["extensions"] = ext(json!({ "packets": packets }));
    g.json["extensionsUsed"] = json!(["KHR_xmp_json_ld"]);
    g
}

fn packet(title: &str) -> Value {
    json!({
        "@context": { "dc": DC },
        "dc:title": { "@type": "rdf:Alt", "rdf:_1": { "@language": "en-us", "@value": title } },
        "dc:creator": { "@list": ["A. Maker"] }
    })
}

#[test]
fn packets_on_the_asset_nodes_meshes_materials_and_images_are_kept() {
    let refs = [0, 1, 0, 1, 1].map(|i| json!({ "packet": i }));
    let imported = import(&document(json!([packet("File"), packet("Part")]), refs));
    let scene = &imported.scene;
    assert!(
        imported.report.warnings.is_empty(),
        "{:?}",
        imported.report.warnings
    );
    let expected = |title| XmpPacket::from_json(packet(title));
    assert_eq!(scene.asset_xmp, expected("File"));
    let (_, node) = scene.nodes().next().expect("a node");
    assert_eq!(node.xmp, expected("Part"));
    assert_eq!(scene.meshes[0].xmp, expected("File"));
    assert_eq!(scene.materials[0].xmp, expected("Part"));
    assert_eq!(scene.images[0].xmp, expected("Part"));
    let title = scene.asset_xmp.as_ref().and_then(|p| p.get(DC, "title"));
    assert_eq!(
        title
            .and_then(museion_scene::xmp_texts)
            .map(|t| t[0].text.clone())
            .as_deref(),
        Some("File")
    );
}

#[test]
fn packets_and_references_of_the_wrong_shape_are_warnings() {
    let refs = [
        json!({ "packet": 1 }),
        json!({ "packet": 7 }),
        json!({ "packet": "zero" }),
        json!("not an object"),
        json!({ "packet": 0 }),
    ];
    let imported = import(&document(json!([packet("Fine"), ["not", "a", "packet"]]), refs));
    let scene = &imported.scene;
    let pointers: Vec<&str> = imported
        .report
        .warnings
        .iter()
        .map(|w| w.pointer.as_str())
        .collect();
    assert_eq!(
        pointers,
        [
            "/extensions/KHR_xmp_json_ld/packets/1",
            "/nodes/0/extensions/KHR_xmp_json_ld/packet",
            "/meshes/0/extensions/KHR_xmp_json_ld/packet",
            "/materials/0/extensions/KHR_xmp_json_ld/packet",
        ],
        "{:?}",
        imported.report.warnings
    );
    assert_eq!(scene.asset_xmp, None, "packet 1 is not an object");
    assert!(scene.nodes().all(|(_, n)| n.xmp.is_none()));
    assert_eq!(scene.meshes[0].xmp, None);
    assert_eq!(scene.materials[0].xmp, None);
    assert_eq!(scene.images[0].xmp, XmpPacket::from_json(packet("Fine")));

    // A root object without packets: every reference is to nothing.
    let mut g = document(json!([]), [0, 0, 0, 0, 0].map(|i| json!({ "packet": i })));
    g.json["extensions"]["KHR_xmp_json_ld"] = json!({ "packet_list": [] });
    let imported = import(&g);
    assert_eq!(
        imported.report.warnings.len(),
        6,
        "{:?}",
        imported.report.warnings
    );
    assert_eq!(imported.scene.asset_xmp, None);
}
