//! `museion render`: a PNG of the requested size from a shared model, and the same exit
//! code rules as `inspect` (0 on success; 1 with one `error:` line on failure).

use crate::support::{error_lines, museion, render_png};
use museion_testkit::shared_model as model;

#[test]
fn renders_a_png_of_the_requested_size() {
    let dir = tempfile::tempdir().unwrap();
    let fox = model("Fox/Fox.glb");
    let image = render_png(
        &dir.path().join("fox.png"),
        fox.to_str().unwrap(),
        &[
            "--size",
            "96x64",
            "--msaa",
            "1",
            "--tonemap",
            "aces",
            "--exposure",
            "-0.5",
            "--background",
            "255,0,0",
            "--camera",
            "eye=150,60,150;target=0,30,0;fov=35",
        ],
    );
    assert_eq!(image.dimensions(), (96, 64));
    assert_eq!(
        image.get_pixel(0, 0).0,
        [255, 0, 0, 255],
        "the background colour, exactly"
    );
    assert!(
        image.pixels().any(|p| p.0 != [255, 0, 0, 255]),
        "the fox is in view"
    );
}

#[test]
fn failures_exit_1_with_one_error_line() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("x.png");
    let out = out.to_str().unwrap();
    let fox = model("Fox/Fox.glb");
    let fox = fox.to_str().unwrap();
    for args in [
        vec!["render", "/nonexistent/model.glb", "--out", out],
        vec!["render", fox, "--out", out, "--camera", "NoSuchCamera"],
        vec![
            "render",
            fox,
            "--out",
            "/nonexistent-dir/x.png",
            "--size",
            "16x16",
        ],
        vec!["render", fox, "--out", out, "--env", "/nonexistent/sky.hdr"],
        vec!["render", fox, "--out", out, "--env", "sky.png"],
    ] {
        let output = museion(&args);
        assert_eq!(output.status.code(), Some(1), "{args:?}");
        assert_eq!(
            error_lines(&output).len(),
            1,
            "{args:?}: {}",
            String::from_utf8_lossy(&output.stderr)
        );
        assert!(output.stdout.is_empty());
    }
    // Malformed options are usage errors (exit 2), never a crash.
    for args in [
        vec!["render", fox, "--out", out, "--size", "0x5"],
        vec!["render", fox, "--out", out, "--msaa", "3"],
        vec!["render", fox, "--out", out, "--camera", "eye=1,2;target=0,0,0"],
        vec!["render", fox, "--out", out, "--tonemap", "filmic"],
        vec!["render", fox, "--out", out, "--env-intensity", "-1"],
    ] {
        let output = museion(&args);
        assert_eq!(output.status.code(), Some(2), "{args:?}");
    }
}

#[test]
fn the_shared_environment_lights_a_model_and_shows_behind_it() {
    let dir = tempfile::tempdir().unwrap();
    let helmet = model("DamagedHelmet/DamagedHelmet.gltf");
    let hdr = museion_testkit::shared_dir().join("environments/spiaggia_di_mondello_1k.hdr");
    let helmet = helmet.to_str().unwrap();
    let render = |name: &str, extra: &[&str]| {
        let base = ["--size", "64x48", "--msaa", "1", "--background", "0,0,0"];
        render_png(&dir.path().join(name), helmet, &[&base[..], extra].concat())
    };
    let beach = hdr.to_str().unwrap();
    let sky = render("sky.png", &["--env", beach, "--skybox", "--env-rotation", "45"]);
    // The skybox fills the corners, which the background colour would leave black.
    assert!(
        sky.get_pixel(0, 0).0[..3].iter().any(|&c| c > 20),
        "{:?}",
        sky.get_pixel(0, 0)
    );
    // Without the environment the helmet is darker.
    let lit = render("lit.png", &["--env", beach]);
    let dark = render("dark.png", &["--env", "none"]);
    let sum = |image: &image::RgbaImage| {
        image
            .pixels()
            .map(|p| u64::from(p.0[0]) + u64::from(p.0[1]))
            .sum::<u64>()
    };
    assert!(
        sum(&lit) > sum(&dark) + sum(&dark) / 5,
        "{} vs {}",
        sum(&lit),
        sum(&dark)
    );
}

#[test]
fn exposure_options_reach_the_renderer_and_conflicts_are_usage_errors() {
    let dir = tempfile::tempdir().unwrap();
    let fox = model("Fox/Fox.glb");
    let fox = fox.to_str().unwrap();
    let render = |name: &str, extra: &[&str]| {
        let base = [
            "--size",
            "48x32",
            "--msaa",
            "1",
            "--background",
            "255,0,0",
            "--camera",
            "eye=150,60,150;target=0,30,0;fov=35",
        ];
        render_png(&dir.path().join(name), fox, &[&base[..], extra].concat())
    };
    let fox_pixels = |image: &image::RgbaImage| -> Vec<[u8; 4]> {
        image
            .pixels()
            .map(|p| p.0)
            .filter(|p| *p != [255, 0, 0, 255])
            .collect()
    };
    // EV100 20 is bright daylight: the studio-lit fox comes out black.
    let dark = render("dark.png", &["--tonemap", "none", "--ev100", "20"]);
    let pixels = fox_pixels(&dark);
    assert!(!pixels.is_empty(), "the fox is in view");
    assert!(pixels.iter().all(|p| p[..3].iter().all(|&c| c <= 1)));
    // EV100 -2 brightens it (scale 1 / 0.3); the camera and automatic exposures render.
    let bright = render("bright.png", &["--tonemap", "agx", "--ev100", "-2"]);
    assert!(fox_pixels(&bright).iter().any(|p| p[..3].iter().any(|&c| c > 50)));
    render("camera.png", &["--camera-exposure", "16,0.01,100"]);
    let auto = render("auto.png", &["--tonemap", "agx", "--auto-exposure"]);
    assert!(fox_pixels(&auto).iter().any(|p| p[..3].iter().any(|&c| c > 50)));

    let out = dir.path().join("x.png");
    let out = out.to_str().unwrap();
    for extra in [
        vec!["--ev100", "3", "--auto-exposure"],
        vec!["--camera-exposure", "16,0.01,100", "--ev100", "3"],
        vec!["--camera-exposure", "16,0.01,100", "--auto-exposure"],
        vec!["--camera-exposure", "16,0.01"],
        vec!["--camera-exposure", "16,-0.01,100"],
        vec!["--tonemap", "agxx"],
    ] {
        let mut args = vec!["render", fox, "--out", out];
        args.extend_from_slice(&extra);
        let output = museion(&args);
        assert_eq!(output.status.code(), Some(2), "{extra:?}");
    }
}

#[test]
fn ambient_occlusion_is_optional_in_render_and_checked() {
    let dir = tempfile::tempdir().unwrap();
    let helmet = model("FlightHelmet/FlightHelmet.gltf");
    let helmet = helmet.to_str().unwrap();
    let render = |name: &str, extra: &[&str]| {
        let base = ["--size", "96x72", "--msaa", "1", "--no-shadows"];
        render_png(&dir.path().join(name), helmet, &[&base[..], extra].concat())
    };
    let sum = |image: &image::RgbaImage| image.pixels().map(|p| u64::from(p.0[1])).sum::<u64>();
    let plain = render("plain.png", &[]);
    let off = render("off.png", &["--no-ao"]);
    assert_eq!(plain, off, "render has ambient occlusion off unless asked");
    // The helmet's folds and the foot of its stand lose some of the studio's light.
    let occluded = render("ao.png", &["--ao"]);
    assert!(
        sum(&occluded) < sum(&plain) * 99 / 100,
        "{} vs {}",
        sum(&occluded),
        sum(&plain)
    );
    assert!(
        sum(&occluded) > sum(&plain) / 2,
        "{} vs {}",
        sum(&occluded),
        sum(&plain)
    );

    let out = dir.path().join("x.png");
    let out = out.to_str().unwrap();
    let conflict = museion(&["render", helmet, "--out", out, "--ao", "--no-ao"]);
    assert_eq!(conflict.status.code(), Some(2));
    let bad = museion(&["render", helmet, "--out", out, "--ao", "--ao-radius", "0"]);
    assert_eq!(bad.status.code(), Some(1));
    let errors = error_lines(&bad);
    assert!(
        errors.len() == 1 && errors[0].contains("ambient occlusion"),
        "{errors:?}"
    );
}

#[test]
fn a_view_too_large_for_memory_is_refused_before_anything_is_loaded() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let out = dir.path().join("huge.png");
    let helmet = model("DamagedHelmet/DamagedHelmet.gltf");
    let started = std::time::Instant::now();
    for command in ["render", "view", "bench"] {
        let mut args = vec![command];
        let helmet = helmet.to_str().expect("UTF-8");
        let out = out.to_str().expect("UTF-8");
        match command {
            "render" => args.extend([helmet, "--out", out]),
            "view" => args.push(helmet),
            _ => args.extend(["--scene", "cubes"]),
        }
        args.extend(["--size", "16384x16384"]);
        let output = museion(&args);
        let errors = error_lines(&output);
        assert_eq!(output.status.code(), Some(2), "{command}: {errors:?}");
        assert_eq!(errors.len(), 1, "{command}: {errors:?}");
        assert!(
            errors[0].contains("GiB of render targets"),
            "{command}: {errors:?}"
        );
    }
    assert!(!out.exists());
    // Refused at once: nothing imported, no window, no GPU work.
    assert!(started.elapsed().as_secs() < 20, "{:?}", started.elapsed());
}

/// A glTF with one box wearing unlit white, and variants "red" and "blue" that dress it
/// in unlit red and blue; written by the exporter, so the variants go through export,
/// import and the renderer.
fn write_variant_box(path: &std::path::Path) {
    use museion::scene::glam::{Vec3, Vec4};
    use museion::scene::{Material, MaterialId, MeshId, Node, Scene, VariantMapping, shapes};
    let mut scene = Scene::new();
    for colour in [
        Vec4::ONE,
        Vec4::new(1.0, 0.0, 0.0, 1.0),
        Vec4::new(0.0, 0.0, 1.0, 1.0),
    ] {
        scene.add_material(Material {
            base_color_factor: colour,
            unlit: true,
            ..Material::default()
        });
    }
    let mut block = shapes::cuboid(Vec3::splat(0.5));
    block.material = Some(MaterialId(0));
    let mesh = scene.add_mesh(museion::scene::Mesh::new(None, vec![block]));
    scene
        .add_node(Node::new().with_mesh(mesh), None)
        .expect("root node");
    scene.variants.names = vec!["red".into(), "blue".into()];
    scene.variants.mappings.push(VariantMapping {
        mesh: MeshId(0),
        primitive: 0,
        default_material: Some(MaterialId(0)),
        materials: vec![(0, MaterialId(1)), (1, MaterialId(2))],
    });
    museion::gltf::write_glb(&scene, path).expect("GLB written");
}

#[test]
fn variant_picks_the_material_the_box_is_drawn_in() {
    let dir = tempfile::tempdir().unwrap();
    let model = dir.path().join("box.glb");
    write_variant_box(&model);
    let model = model.to_str().unwrap();
    let render = |name: &str, extra: &[&str]| {
        let base = [
            "--size",
            "32x32",
            "--msaa",
            "1",
            "--tonemap",
            "none",
            "--background",
            "0,0,0",
            "--camera",
            "eye=0,0,3;target=0,0,0;fov=40",
        ];
        let image = render_png(&dir.path().join(name), model, &[&base[..], extra].concat());
        image.get_pixel(16, 16).0
    };
    let [r, g, b, _] = render("default.png", &[]);
    assert!(r > 240 && g > 240 && b > 240, "white: {r} {g} {b}");
    let [r, g, b, _] = render("red.png", &["--variant", "red"]);
    assert!(r > 240 && g < 10 && b < 10, "red: {r} {g} {b}");
    let [r, g, b, _] = render("blue.png", &["--variant", "blue"]);
    assert!(r < 10 && g < 10 && b > 240, "blue: {r} {g} {b}");

    // An unknown name is a usage error naming the known ones, in render and in view
    // (checked before any window opens).
    let out = dir.path().join("x.png");
    for args in [
        vec![
            "render",
            model,
            "--out",
            out.to_str().unwrap(),
            "--variant",
            "green",
        ],
        vec!["view", model, "--variant", "green"],
    ] {
        let output = museion(&args);
        assert_eq!(output.status.code(), Some(2), "{args:?}");
        let errors = error_lines(&output);
        assert_eq!(errors.len(), 1, "{errors:?}");
        assert!(
            errors[0].contains("\"green\"") && errors[0].contains("red, blue"),
            "{errors:?}"
        );
    }
}
