//! The conservation lux report against hand calculations: a spot of known candela gives
//! E = I·cos θ / d² on a canvas (with the glTF cone and range falloffs where they
//! apply), a wall stops a point light, a directional light of E lux gives E on a canvas
//! facing it, and works over the limits of their light sensitivity are flagged.

// A failed unwrap in a test is a failed test.
#![allow(clippy::unwrap_used)]

use museion_scene::glam::Vec3;
use museion_testkit::venue as common;
use museion_venue::{
    self as venue, CompiledVenue, EnvironmentIlluminance, ExhibitSurface, LightSensitivity, LuxProbe,
    LuxSettings, LuxSource, lux_report,
};

/// One room 6 × 5 m, 3.5 m high, no ceiling lights, no environment (lines 1–8).
const ROOM: &str = r#"[venue]
environment = "none"

[[rooms]]
id = "room"
floor = [[0, 0], [6, 0], [6, 5], [0, 5]]
height = 3.5

"#;

/// An unframed, unlit 1 m × 0.5 m artwork on the room's wall 0 (the z = 0 wall, facing
/// +z), its centre 3 m along and 1.5 m up: the canvas lies in z = 0.105 (the wall's
/// face, 0.1 m in, and 5 mm off it), from x = 2.5 to 3.5 and y = 1.25 to 1.75.
const CANVAS: &str = r#"
[[artworks]]
id = "canvas"
room = "room"
wall = 0
offset = 3
width = 1.0
image = "art.png"
frame = false
light = false
"#;

/// Compiles `text` in a folder holding `art.png` (200 × 100 pixels).
fn compile(text: &str) -> CompiledVenue {
    let dir = tempfile::tempdir().unwrap();
    common::write_png(&dir.path().join("art.png"), 200, 100);
    let doc = venue::parse(text, "venue.toml").unwrap();
    venue::compile(&doc, dir.path()).unwrap()
}

/// The 5 × 5 grid on [`CANVAS`], rows from the top, as the report documents it.
fn canvas_grid() -> Vec<Vec3> {
    let cells = [-0.4, -0.2, 0.0, 0.2, 0.4];
    let mut points = Vec::new();
    for dy in [0.2, 0.1, 0.0, -0.1, -0.2] {
        for dx in cells {
            points.push(Vec3::new(3.0 + dx, 1.5 + dy, 0.105));
        }
    }
    points
}

/// `KHR_lights_punctual`'s spot cone falloff, written out.
fn cone(cos_angle: f32, inner_degrees: f32, outer_degrees: f32) -> f32 {
    let (ci, co) = (inner_degrees.to_radians().cos(), outer_degrees.to_radians().cos());
    let scale = 1.0 / (ci - co).max(0.001);
    let t = ((cos_angle - co) * scale).clamp(0.0, 1.0);
    t * t
}

#[test]
fn a_spot_of_known_candela_gives_i_cos_theta_over_d_squared_at_every_point() {
    // 800 cd from 2 m out, 1 m up and 1 m to the left of the canvas's centre, aimed at
    // it: every point within the 50° inner cone.
    let position = Vec3::new(2.0, 2.5, 2.105);
    let text = format!(
        "{ROOM}{CANVAS}
[[lights]]
kind = \"spot\"
position = [2.0, 2.5, 2.105]
target = [3.0, 1.5, 0.105]
intensity = 800
inner_angle = 50
outer_angle = 60
"
    );
    let v = compile(&text);
    assert!(matches!(v.exhibits[0].surface, ExhibitSurface::Canvas { .. }));
    let report = lux_report(&v, &LuxSettings::default());
    assert_eq!(report.lights.len(), 1);
    let work = &report.exhibits[0];
    assert_eq!(work.samples.len(), 25);
    for (sample, expected_at) in work.samples.iter().zip(canvas_grid()) {
        let p = sample.point.position;
        assert!(p.abs_diff_eq(expected_at, 1e-4), "{p} is not {expected_at}");
        assert_eq!(sample.point.normal, Vec3::Z);
        let to_light = position - p;
        let d = to_light.length();
        let cos_theta = to_light.z / d;
        let expected = 800.0 * cos_theta / (d * d);
        assert!(
            (sample.lux - expected).abs() <= 0.02 * expected,
            "{p}: {} lx, expected {expected} lx",
            sample.lux
        );
    }
    let mean = work.samples.iter().map(|s| s.lux).sum::<f32>() / 25.0;
    assert!((work.mean_lux - mean).abs() < 1e-3);
    assert!(work.min_lux < work.mean_lux && work.mean_lux < work.max_lux);
    assert!((work.uniformity.unwrap() - work.min_lux / work.mean_lux).abs() < 1e-6);
    assert!((work.annual_lux_hours - work.mean_lux * 3000.0).abs() < 1.0);
    assert_eq!(work.contributions.len(), 1);
    assert_eq!(work.contributions[0].source, LuxSource::Light(0));
}

#[test]
fn cone_and_range_falloffs_are_those_the_renderer_shades_with() {
    // A narrow spot aimed at the canvas's right edge with a 4 m range: the left points lie
    // in its falloff band or outside it, and every point loses some light to the range.
    let position = Vec3::new(3.5, 1.5, 2.105);
    let text = format!(
        "{ROOM}{CANVAS}
[[lights]]
kind = \"spot\"
position = [3.5, 1.5, 2.105]
target = [3.5, 1.5, 0.105]
intensity = 500
range = 4
inner_angle = 8
outer_angle = 20
"
    );
    let v = compile(&text);
    let work = &lux_report(&v, &LuxSettings::default()).exhibits[0];
    let mut in_band = 0;
    for sample in &work.samples {
        let p = sample.point.position;
        let to_light = position - p;
        let d = to_light.length();
        let cos_theta = to_light.z / d;
        let cos_axis = (-to_light / d).dot(Vec3::NEG_Z);
        let falloff = cone(cos_axis, 8.0, 20.0) * (1.0 - (d / 4.0).powi(4)).clamp(0.0, 1.0);
        if falloff > 0.0 && cone(cos_axis, 8.0, 20.0) < 1.0 {
            in_band += 1;
        }
        let expected = 500.0 * falloff * cos_theta / (d * d);
        assert!(
            (sample.lux - expected).abs() <= 0.02 * expected.max(1e-3),
            "{p}: {} lx, expected {expected} lx",
            sample.lux
        );
    }
    assert!(in_band >= 3, "only {in_band} points in the cone's falloff band");
    assert_eq!(work.min_lux, 0.0, "the far-left points lie outside the cone");
}

#[test]
fn a_point_light_behind_a_wall_gives_nothing() {
    // Two rooms sharing the wall x = 6 (a door far along it, at z = 4); the canvas faces
    // +z in the first. A 400 cd point light in each room, both in front of the canvas:
    // the second one's light to the canvas crosses the wall.
    let text = format!(
        "{ROOM}
[[rooms]]
id = \"next\"
floor = [[6, 0], [12, 0], [12, 5], [6, 5]]
height = 3.5

[[rooms.openings]]
wall = 3
offset = 1
width = 1
to = \"room\"
{CANVAS}
[[lights]]
kind = \"point\"
position = [3.0, 1.5, 3.605]
intensity = 400

[[lights]]
kind = \"point\"
position = [7.0, 1.5, 2.105]
intensity = 400
"
    );
    let v = compile(&text);
    let report = lux_report(&v, &LuxSettings::default());
    let name = |i: usize| report.lights[i].name.as_str();
    assert_eq!((name(0), name(1)), ("light 0", "light 1"));
    let beyond = report.lights[1].position;
    let probe = LuxProbe::new(&v.scene, &[], None);
    for sample in &report.exhibits[0].samples {
        let (p, n) = (sample.point.position, sample.point.normal);
        let lux = probe.illuminance(p, n);
        // Unshadowed, the light beyond the wall would give several lux here.
        let to_light = beyond - p;
        let unshadowed = 400.0 * (to_light.z / to_light.length()) / to_light.length_squared();
        assert!(unshadowed > 5.0, "{unshadowed}");
        assert_eq!(lux.lights[1], 0.0, "{p}: the wall lets light through");
        assert!(lux.lights[0] > 20.0, "{p}: {}", lux.lights[0]);
    }
    let sources: Vec<LuxSource> = report.exhibits[0]
        .contributions
        .iter()
        .map(|c| c.source)
        .collect();
    assert_eq!(sources, [LuxSource::Light(0)]);
}

#[test]
fn a_directional_light_facing_the_canvas_gives_its_lux_and_the_environment_adds_its_own() {
    // A 5 m wide, 3 m high opening to the outside in the wall facing the canvas: a sun
    // of 500 lx shining toward -z reaches every point square on. One shining down at 45°
    // toward the canvas is stopped by the ceiling.
    let text = format!(
        "{ROOM}
[[rooms.openings]]
wall = 2
offset = 3
width = 5
height = 3
{CANVAS}
[[lights]]
kind = \"directional\"
target = [0, 0, -1]
intensity = 500

[[lights]]
kind = \"directional\"
target = [0, -1, -1]
intensity = 90000
"
    );
    let v = compile(&text);
    let settings = LuxSettings {
        environment: Some(EnvironmentIlluminance::uniform(2.0)),
        ..LuxSettings::default()
    };
    let report = lux_report(&v, &settings);
    let work = &report.exhibits[0];
    let environment = 2.0 * std::f32::consts::PI;
    for sample in &work.samples {
        let expected = 500.0 + environment;
        assert!(
            (sample.lux - expected).abs() < 0.002 * expected,
            "{}: {} lx",
            sample.point.position,
            sample.lux
        );
    }
    let sources: Vec<LuxSource> = work.contributions.iter().map(|c| c.source).collect();
    assert_eq!(sources, [LuxSource::Light(0), LuxSource::Environment]);
    assert!((work.contributions[1].mean_lux - environment).abs() < 1e-3);
    assert!(report.environment);
    // Without the environment, only the sun.
    let plain = lux_report(&v, &LuxSettings::default());
    assert!((plain.exhibits[0].mean_lux - 500.0).abs() < 0.5);
}

#[test]
fn works_over_the_limits_of_their_class_are_flagged() {
    // A work on paper (high) under the default 200 lx spot, an oil (low) lit at 100 lx,
    // a bust with no limit, and a work whose class is not given.
    let text = format!(
        "{ROOM}
[[artworks]]
id = \"paper\"
room = \"room\"
wall = 0
offset = 1.5
width = 0.8
image = \"art.png\"
light_sensitivity = \"high\"

[[artworks]]
id = \"oil\"
room = \"room\"
wall = 0
offset = 4.5
width = 0.8
image = \"art.png\"
light = {{ lux = 100 }}
light_sensitivity = \"low\"

[[artworks]]
id = \"unmarked\"
room = \"room\"
wall = 2
offset = 3
width = 0.8
image = \"art.png\"
light = {{ lux = 60 }}
"
    );
    let v = compile(&text);
    assert_eq!(v.exhibits[0].light_sensitivity, Some(LightSensitivity::High));
    assert_eq!(v.exhibits[2].light_sensitivity, None);
    let report = lux_report(&v, &LuxSettings::default());
    let [paper, oil, unmarked] = &report.exhibits[..] else {
        panic!("three exhibits: {:?}", report.exhibits.len());
    };
    // The spot's aim: 200 lx at the centre of the paper work, 100 at the oil's.
    assert!(
        (paper.samples[12].lux - 200.0).abs() < 4.0,
        "{}",
        paper.samples[12].lux
    );
    assert!(
        (oil.samples[12].lux - 100.0).abs() < 4.0,
        "{}",
        oil.samples[12].lux
    );
    assert!(paper.over_lux && paper.over_dose && paper.is_over());
    assert_eq!(paper.limit.unwrap().max_lux, 50.0);
    assert!(!oil.is_over(), "{} lx at most", oil.max_lux);
    assert_eq!(unmarked.sensitivity, LightSensitivity::Insensitive);
    assert!(!unmarked.sensitivity_declared && unmarked.limit.is_none() && !unmarked.is_over());
    let over: Vec<&str> = report.over_limit().map(|w| w.id.as_str()).collect();
    assert_eq!(over, ["paper"]);
    assert!(!report.within_limits());

    // Lit around the clock all year, the oil takes more than 600,000 lx·h.
    let always = LuxSettings {
        hours_per_day: 24.0,
        days_per_year: 365.0,
        ..LuxSettings::default()
    };
    let report = lux_report(&v, &always);
    let oil = &report.exhibits[1];
    assert!((oil.annual_lux_hours - oil.mean_lux * 8760.0).abs() < 1.0);
    assert!(oil.over_dose && !oil.over_lux);
    // Unmarked works taken as medium: 60 lx is over 50.
    let strict = LuxSettings {
        default_sensitivity: LightSensitivity::Medium,
        ..LuxSettings::default()
    };
    let report = lux_report(&v, &strict);
    assert!(report.exhibits[2].is_over() && !report.exhibits[2].sensitivity_declared);
}

#[test]
fn a_model_is_measured_on_its_top_and_front_and_its_glass_case_lets_light_through() {
    let dir = tempfile::tempdir().unwrap();
    common::write_pyramid(&dir.path().join("bust.glb"));
    let text = format!(
        "{ROOM}
[[models]]
id = \"bust\"
room = \"room\"
model = \"bust.glb\"
position = [3, 0, 2.5]
pedestal = true
case = true
light = {{ lux = 300 }}
light_sensitivity = \"none\"
"
    );
    let doc = venue::parse(&text, "venue.toml").unwrap();
    let v = venue::compile(&doc, dir.path()).unwrap();
    let ExhibitSurface::Object { bounds, front } = v.exhibits[0].surface else {
        panic!("{:?}", v.exhibits[0].surface);
    };
    // The pyramid (0.6 m across, 1 m high) on a 1 m pedestal, facing +z.
    assert!(
        bounds.min.abs_diff_eq(Vec3::new(2.7, 1.0, 2.2), 1e-4),
        "{bounds:?}"
    );
    assert!(
        bounds.max.abs_diff_eq(Vec3::new(3.3, 2.0, 2.8), 1e-4),
        "{bounds:?}"
    );
    assert_eq!(front, Vec3::Z);
    let work = &lux_report(&v, &LuxSettings::default()).exhibits[0];
    assert_eq!(work.samples.len(), 18);
    assert_eq!(work.sensitivity, LightSensitivity::Insensitive);
    assert!(work.sensitivity_declared && !work.is_over());
    // The spot aims 300 lx across its beam at the box's centre; the points on the top
    // and front, inside the glass, get light of that order.
    assert!(
        work.min_lux > 50.0 && work.mean_lux > 150.0 && work.max_lux < 600.0,
        "{} / {} / {}",
        work.min_lux,
        work.mean_lux,
        work.max_lux
    );
}

#[test]
fn baked_probes_add_their_own_column_and_stand_in_for_the_environment_where_they_reach() {
    use museion_scene::glam::{UVec2, UVec3, Vec2};
    use museion_scene::{IrradianceProbes, ProbeVolume, RoomMap, ShIrradiance};
    let v = compile(&format!("{ROOM}{CANVAS}"));
    // One probe grid over the whole room giving E/π = 10 (white) in every direction: 10π
    // lx of indirect light on the canvas.
    let mut coefficients = [Vec3::ZERO; 9];
    coefficients[0] = Vec3::splat(10.0 / 0.282_095);
    let covering = |cells: u16| IrradianceProbes {
        volumes: vec![ProbeVolume {
            room: "room".into(),
            min: Vec3::new(0.2, 0.1, 0.2),
            step: Vec3::ONE,
            counts: UVec3::splat(2),
            first: 0,
            bottom: 0.0,
            top: 3.5,
        }],
        probes: vec![ShIrradiance(coefficients); 8],
        map: RoomMap {
            origin: Vec2::new(-1.0, -1.0),
            cell: 0.25,
            size: UVec2::new(40, 40),
            cells: vec![[cells, 0]; 1600],
            offset: 0.2,
        },
        reflections: Default::default(),
    };
    let settings = |probes: IrradianceProbes| LuxSettings {
        environment: Some(EnvironmentIlluminance::uniform(2.0)),
        indirect: Some(probes),
        ..LuxSettings::default()
    };
    let report = lux_report(&v, &settings(covering(1)));
    assert!(report.indirect);
    let work = &report.exhibits[0];
    let indirect = 10.0 * std::f32::consts::PI;
    let sources: Vec<(LuxSource, f32)> = work
        .contributions
        .iter()
        .map(|c| (c.source, c.mean_lux))
        .collect();
    assert!(
        sources.iter().all(|(s, _)| *s != LuxSource::Environment),
        "{sources:?}"
    );
    let baked = sources.iter().find(|(s, _)| *s == LuxSource::Indirect).unwrap().1;
    assert!((baked - indirect).abs() < 1e-3 * indirect, "{baked}");
    // A map that names no room: the environment counts, the probes do not.
    let outside = lux_report(&v, &settings(covering(0)));
    let sources: Vec<LuxSource> = outside.exhibits[0]
        .contributions
        .iter()
        .map(|c| c.source)
        .collect();
    assert!(
        sources.contains(&LuxSource::Environment) && !sources.contains(&LuxSource::Indirect),
        "{sources:?}"
    );
}
