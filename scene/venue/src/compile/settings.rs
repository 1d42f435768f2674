//! `[venue]`, `[visitor]` and `[bake]`: wall thickness, environment, the visitor's body,
//! how indirect light is baked.

use super::Compiler;
use crate::compiled::BakeSettings;
use crate::document::{Spanned, defaults};
use crate::error::VenueError;
use museion_scene::{EnvironmentChoice, EnvironmentSource};

impl Compiler<'_> {
    /// Reads the wall thickness and the visitor settings.
    pub fn settings(&mut self) -> Result<(), VenueError> {
        let doc = self.ctx.doc;
        self.thickness = match &doc.venue.wall_thickness {
            Some(t) => self.number(
                t,
                |v| v > 0.0 && v <= 2.0,
                "wall_thickness must be more than 0 and at most 2 m",
                "walls are usually 0.1 to 0.4 m thick",
            )?,
            None => defaults::WALL_THICKNESS,
        };
        let Some(spec) = &doc.visitor else {
            return Ok(());
        };
        let positive = |value: &Option<Spanned<f32>>,
                        slot: &mut f32,
                        what: &str,
                        hint: &str|
         -> Result<(), VenueError> {
            if let Some(value) = value {
                *slot = self.positive(value, what, hint)?;
            }
            Ok(())
        };
        let mut v = self.visitor;
        positive(
            &spec.eye_height,
            &mut v.eye_height,
            "eye_height",
            "metres from the floor to the eyes, e.g. 1.65",
        )?;
        positive(
            &spec.body_height,
            &mut v.body_height,
            "body_height",
            "metres, e.g. 1.8",
        )?;
        positive(&spec.radius, &mut v.radius, "radius", "metres, e.g. 0.25")?;
        positive(
            &spec.walk_speed,
            &mut v.walk_speed,
            "walk_speed",
            "metres per second, e.g. 1.4",
        )?;
        positive(
            &spec.run_speed,
            &mut v.run_speed,
            "run_speed",
            "metres per second, e.g. 3.5",
        )?;
        positive(
            &spec.step_height,
            &mut v.step_height,
            "step_height",
            "metres, e.g. 0.3",
        )?;
        positive(
            &spec.gravity,
            &mut v.gravity,
            "gravity",
            "metres per second squared, e.g. 9.81",
        )?;
        if let Some(slope) = &spec.max_slope {
            v.max_slope_degrees = self.number(
                slope,
                |s| s > 0.0 && s < 90.0,
                "max_slope must be between 0 and 90 degrees",
                "degrees, e.g. 40",
            )?;
        }
        if v.eye_height > v.body_height {
            let span = spec
                .eye_height
                .as_ref()
                .or(spec.body_height.as_ref())
                .map_or(0..0, Spanned::span);
            return Err(self.ctx.source().value(
                span,
                format!(
                    "eye_height {} is above body_height {}",
                    v.eye_height, v.body_height
                ),
                "the eyes are inside the body: make eye_height at most body_height",
            ));
        }
        self.visitor = v;
        Ok(())
    }

    /// The environment the venue asks for.
    pub fn environment(&mut self) -> Result<EnvironmentChoice, VenueError> {
        let venue = &self.ctx.doc.venue;
        let intensity = match &venue.environment_intensity {
            Some(i) => self.number(
                i,
                |v| v >= 0.0,
                "environment_intensity must be 0 or more",
                "a multiplier, 1 for the environment as it is",
            )?,
            None => 1.0,
        };
        let source = match &venue.environment {
            None => EnvironmentSource::Studio,
            Some(env) => match env.get_ref().as_str() {
                "studio" => EnvironmentSource::Studio,
                "sky" => EnvironmentSource::Sky,
                "none" => EnvironmentSource::None,
                file => {
                    let extension = std::path::Path::new(file)
                        .extension()
                        .and_then(|e| e.to_str())
                        .map(str::to_ascii_lowercase);
                    if !matches!(extension.as_deref(), Some("hdr" | "exr")) {
                        return Err(self.ctx.source().value(
                            env.span(),
                            format!("environment \"{file}\" is not studio, sky, none or an .hdr/.exr file"),
                            "write \"studio\", \"sky\", \"none\", or the path of an equirectangular .hdr or .exr image",
                        ));
                    }
                    let (path, _) = self.ctx.existing_file(env, "environment")?;
                    self.ctx.depend(path.clone());
                    EnvironmentSource::File(path)
                }
            },
        };
        Ok(EnvironmentChoice { source, intensity })
    }
}

impl Compiler<'_> {
    /// Reads `[bake]`: probe spacing, samples, bounces and the reflection cubes' size and
    /// samples.
    pub fn bake_settings(&mut self) -> Result<(), VenueError> {
        let Some(spec) = &self.ctx.doc.bake else {
            return Ok(());
        };
        if let Some(spacing) = &spec.probe_spacing {
            self.bake.probe_spacing = self.number(
                spacing,
                |v| BakeSettings::PROBE_SPACING_RANGE.contains(&v),
                "probe_spacing must be from 0.25 to 10 m",
                "metres between probes; 1 suits rooms, 2 to 3 large halls",
            )?;
        }
        let count = |value: &Spanned<u32>, range: std::ops::RangeInclusive<u32>, what: &str, hint: &str| {
            let v = *value.get_ref();
            if range.contains(&v) {
                Ok(v)
            } else {
                Err(self.ctx.source().value(
                    value.span(),
                    format!("{what} must be from {} to {}", range.start(), range.end()),
                    hint,
                ))
            }
        };
        if let Some(samples) = &spec.samples {
            self.bake.samples = count(
                samples,
                BakeSettings::SAMPLES_RANGE,
                "samples",
                "rays per probe: 256 is the default, more is smoother and slower",
            )?;
        }
        if let Some(bounces) = &spec.bounces {
            self.bake.bounces = count(
                bounces,
                BakeSettings::BOUNCES_RANGE,
                "bounces",
                "2 is the default; 0 keeps only light a probe sees straight from a lit surface",
            )?;
        }
        if let Some(size) = &spec.reflection_size {
            let v = *size.get_ref();
            if !BakeSettings::is_reflection_size(v) {
                return Err(self.ctx.source().value(
                    size.span(),
                    "reflection_size must be a power of two from 16 to 256",
                    "texels along a cube face's side: 64 is the default, 128 shows sharper mirrors at four times the bake",
                ));
            }
            self.bake.reflection_size = v;
        }
        if let Some(samples) = &spec.reflection_samples {
            self.bake.reflection_samples = count(
                samples,
                BakeSettings::REFLECTION_SAMPLES_RANGE,
                "reflection_samples",
                "rays per reflection texel: 16 is the default, more is less grainy in mirror-like surfaces",
            )?;
        }
        Ok(())
    }
}
