//! `KHR_animation_pointer` channels: a material factor and a light intensity animated,
//! blended over their rest values, and targets that are not there.

use crate::support::{nodes, sampler};
use museion_animation::AnimationPlayer;
use museion_scene::glam::{Vec3, Vec4};
use museion_scene::{
    Animation, Interpolation, LightId, LightKind, LightProperty, Material, MaterialId, MaterialProperty,
    PointerChannel, PointerTarget,
};

fn light() -> museion_scene::Light {
    museion_scene::Light {
        name: Some("lamp".into()),
        kind: LightKind::Point,
        color: Vec3::ONE,
        intensity: 10.0,
        range: None,
        cast_shadows: true,
    }
}

#[test]
fn pointer_channels_drive_a_material_factor_and_a_light_intensity() {
    let (mut scene, _) = nodes(1);
    let material = scene.add_material(Material::default());
    let lamp = scene.add_light(light());
    let base_color = PointerTarget::Material {
        material,
        property: MaterialProperty::BaseColorFactor,
    };
    let intensity = PointerTarget::Light {
        light: lamp,
        property: LightProperty::Intensity,
    };
    scene.animations.push(Animation {
        name: Some("glow".into()),
        channels: Vec::new(),
        pointer_channels: vec![
            PointerChannel {
                target: base_color,
                sampler: 0,
            },
            PointerChannel {
                target: intensity,
                sampler: 1,
            },
            // Neither is there: a missing material, the range of a light without one
            // is fine (unset) but a spot angle of a point light is not.
            PointerChannel {
                target: PointerTarget::Material {
                    material: MaterialId(7),
                    property: MaterialProperty::MetallicFactor,
                },
                sampler: 1,
            },
            PointerChannel {
                target: PointerTarget::Light {
                    light: lamp,
                    property: LightProperty::SpotInnerConeAngle,
                },
                sampler: 1,
            },
        ],
        samplers: vec![
            sampler(
                Interpolation::Linear,
                &[0.0, 1.0],
                &[1.0, 0.0, 0.0, 1.0, 0.0, 0.0, 1.0, 1.0],
            ),
            sampler(Interpolation::Linear, &[0.0, 2.0], &[0.0, 100.0]),
        ],
    });
    let mut player = AnimationPlayer::new(&scene);
    player.play(0);
    player.seek(0.5);
    player.apply(&mut scene);
    let factor = scene.materials[material.index()].base_color_factor;
    assert!(
        factor.abs_diff_eq(Vec4::new(0.5, 0.0, 0.5, 1.0), 1e-6),
        "{factor}"
    );
    assert!((scene.lights[lamp.index()].intensity - 25.0).abs() < 1e-5);
    assert!(matches!(scene.lights[0].kind, LightKind::Point));

    // At half weight the rest values (white, 10) fill the other half.
    let layer = player.current_layer().unwrap();
    player.set_layer_weight(layer, 0.5);
    player.apply(&mut scene);
    let factor = scene.materials[material.index()].base_color_factor;
    assert!(
        factor.abs_diff_eq(Vec4::new(0.75, 0.5, 0.75, 1.0), 1e-6),
        "{factor}"
    );
    assert!((scene.lights[lamp.index()].intensity - 17.5).abs() < 1e-5);
}

#[test]
fn an_unset_light_range_is_animated_without_a_rest_value() {
    let (mut scene, _) = nodes(1);
    let lamp = scene.add_light(light());
    scene.animations.push(Animation {
        name: None,
        channels: Vec::new(),
        pointer_channels: vec![PointerChannel {
            target: PointerTarget::Light {
                light: LightId(lamp.0),
                property: LightProperty::Range,
            },
            sampler: 0,
        }],
        samplers: vec![sampler(Interpolation::Linear, &[0.0, 1.0], &[2.0, 4.0])],
    });
    let mut player = AnimationPlayer::new(&scene);
    let layer = player.add_layer(0, 0.5).unwrap();
    player.seek_layer(layer, 0.5);
    player.apply(&mut scene);
    // No rest to fill from: the half weight is normalised to the clip's value.
    assert_eq!(scene.lights[0].range, Some(3.0));
}
