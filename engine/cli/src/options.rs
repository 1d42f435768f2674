//! Parsers for command-line values shared by the `museion` subcommands.

/// `WxH`, each side 1 to 16384.
pub fn parse_size(text: &str) -> Result<(u32, u32), String> {
    let (w, h) = text
        .split_once(['x', 'X'])
        .ok_or_else(|| format!("size {text:?} is not WxH (for example 1280x720)"))?;
    let side = |s: &str| {
        s.trim()
            .parse::<u32>()
            .ok()
            .filter(|v| (1..=16384).contains(v))
            .ok_or_else(|| format!("size {text:?}: each side must be a whole number from 1 to 16384"))
    };
    Ok((side(w)?, side(h)?))
}

/// The most memory the render targets of one view may take, bytes. Beyond it a size is
/// refused before anything is loaded (a 16384×16384 view at 4× MSAA would need about
/// 22 GiB and end in an out-of-memory error deep inside the driver).
pub const MAX_TARGET_BYTES: u64 = 4 << 30;

/// About how many bytes the render targets of a `size` view at `msaa` samples take: per
/// sample HDR colour, depth and instance ids; per pixel the resolved HDR colour, the
/// ambient-occlusion inputs, the output and its readback.
pub fn target_bytes(size: (u32, u32), msaa: u32) -> u64 {
    let pixels = u64::from(size.0) * u64::from(size.1);
    pixels * (u64::from(msaa.max(1)) * (8 + 4 + 4) + 8 + 8 + 4 + 4)
}

/// Refuses a view whose render targets would take more than [`MAX_TARGET_BYTES`],
/// with what to do instead.
pub fn check_target_memory(size: (u32, u32), msaa: u32) -> Result<(), String> {
    let bytes = target_bytes(size, msaa);
    if bytes <= MAX_TARGET_BYTES {
        return Ok(());
    }
    let gib = |b: u64| b as f64 / f64::from(1u32 << 30);
    Err(format!(
        "--size {}x{} at {msaa}× MSAA needs about {:.1} GiB of render targets, more than the {:.0} GiB allowed: choose a smaller size{}",
        size.0,
        size.1,
        gib(bytes),
        gib(MAX_TARGET_BYTES),
        if msaa > 1 { " or --msaa 1" } else { "" }
    ))
}

/// `WxH@N`: a size to switch to after frame N.
pub fn parse_resize(text: &str) -> Result<((u32, u32), u64), String> {
    let (size, frame) = text
        .split_once('@')
        .ok_or_else(|| format!("resize {text:?} is not WxH@FRAME (for example 640x480@100)"))?;
    let frame = frame
        .trim()
        .parse()
        .map_err(|_| format!("resize {text:?}: the frame after '@' must be a whole number"))?;
    Ok((parse_size(size)?, frame))
}

/// Samples per pixel: `1` or `4`.
pub fn parse_msaa(text: &str) -> Result<u32, String> {
    match text.trim() {
        "1" => Ok(1),
        "4" => Ok(4),
        other => Err(format!("msaa {other:?}: 1 or 4")),
    }
}

/// `r,g,b` as sRGB components: three numbers in 0..=1, or in 0..=255 when any is
/// above 1.
pub fn parse_color(text: &str) -> Result<[f32; 3], String> {
    let values: Vec<f32> = text
        .split(',')
        .map(|v| {
            v.trim()
                .parse::<f32>()
                .ok()
                .filter(|v| v.is_finite() && *v >= 0.0)
        })
        .collect::<Option<_>>()
        .ok_or_else(|| format!("colour {text:?} is not three non-negative numbers r,g,b"))?;
    let [r, g, b] = values[..] else {
        return Err(format!("colour {text:?} needs exactly three numbers r,g,b"));
    };
    let scale = if [r, g, b].iter().any(|v| *v > 1.0) {
        255.0
    } else {
        1.0
    };
    if [r, g, b].iter().any(|v| *v > 255.0) {
        return Err(format!("colour {text:?}: components go up to 1 (or 255)"));
    }
    Ok([r / scale, g / scale, b / scale])
}

/// `APERTURE,SHUTTER,ISO`: an f-number, a shutter time in seconds and a sensitivity,
/// each a finite number above 0 (for example `16,0.01,100`: f/16, 1/100 s, ISO 100).
pub fn parse_camera_exposure(text: &str) -> Result<(f32, f32, f32), String> {
    let values: Vec<f32> = text
        .split(',')
        .map(|v| v.trim().parse::<f32>().ok().filter(|v| v.is_finite() && *v > 0.0))
        .collect::<Option<_>>()
        .ok_or_else(|| {
            format!("camera exposure {text:?} is not three numbers above 0: APERTURE,SHUTTER,ISO")
        })?;
    let [aperture, shutter, iso] = values[..] else {
        return Err(format!(
            "camera exposure {text:?} needs exactly three numbers: APERTURE,SHUTTER,ISO (for example 16,0.01,100)"
        ));
    };
    Ok((aperture, shutter, iso))
}

/// Hours a day lights are on: a number above 0, at most 24.
pub fn parse_hours_per_day(text: &str) -> Result<f32, String> {
    text.trim()
        .parse::<f32>()
        .ok()
        .filter(|h| h.is_finite() && *h > 0.0 && *h <= 24.0)
        .ok_or_else(|| format!("hours a day {text:?} must be a number above 0 and at most 24"))
}

/// Days a year a venue is open: a number above 0, at most 366.
pub fn parse_days_per_year(text: &str) -> Result<f32, String> {
    text.trim()
        .parse::<f32>()
        .ok()
        .filter(|d| d.is_finite() && *d > 0.0 && *d <= 366.0)
        .ok_or_else(|| format!("days a year {text:?} must be a number above 0 and at most 366"))
}

/// The viewer's render scale: a number from 0.25 to 1.
pub fn parse_render_scale(text: &str) -> Result<f32, String> {
    let range = museion::viewer::MIN_RENDER_SCALE..=1.0;
    text.trim()
        .parse::<f32>()
        .ok()
        .filter(|s| range.contains(s))
        .ok_or_else(|| format!("render scale {text:?} must be a number from 0.25 to 1"))
}

/// A light sensitivity class: `high`, `medium`, `low` or `none`.
pub fn parse_sensitivity(text: &str) -> Result<museion::venue::LightSensitivity, String> {
    museion::venue::LightSensitivity::from_name(text.trim())
        .ok_or_else(|| format!("light sensitivity {text:?} is not high, medium, low or none"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn huge_views_are_refused_for_their_memory() {
        assert!(check_target_memory((1920, 1080), 4).is_ok());
        assert!(check_target_memory((8192, 8192), 1).is_ok());
        let error = check_target_memory((16384, 16384), 4).unwrap_err();
        assert!(
            error.contains("22.0 GiB") && error.contains("--msaa 1"),
            "{error}"
        );
        assert!(check_target_memory((16384, 16384), 1).is_err());
    }

    #[test]
    fn sizes_and_colours() {
        assert_eq!(parse_size("1280x720"), Ok((1280, 720)));
        assert_eq!(parse_size("64X32"), Ok((64, 32)));
        assert!(parse_size("0x10").is_err());
        assert!(parse_size("1280").is_err());
        assert!(parse_size("20000x10").is_err());
        assert_eq!(parse_resize("640x480@100"), Ok(((640, 480), 100)));
        assert!(parse_resize("640x480").is_err());
        assert!(parse_resize("640x480@x").is_err());
        assert_eq!((parse_msaa("4"), parse_msaa("1")), (Ok(4), Ok(1)));
        assert!(parse_msaa("2").is_err());
        assert_eq!(parse_color("1,0.5,0"), Ok([1.0, 0.5, 0.0]));
        assert_eq!(parse_color("255, 51, 0"), Ok([1.0, 0.2, 0.0]));
        assert!(parse_color("1,2").is_err());
        assert!(parse_color("1,-1,0").is_err());
        assert!(parse_color("300,0,0").is_err());
    }

    #[test]
    fn camera_exposures() {
        assert_eq!(parse_camera_exposure("16,0.01,100"), Ok((16.0, 0.01, 100.0)));
        assert_eq!(
            parse_camera_exposure(" 2.8 , 0.5 , 1600 "),
            Ok((2.8, 0.5, 1600.0))
        );
        assert!(parse_camera_exposure("16,0.01").is_err());
        assert!(parse_camera_exposure("16,0.01,100,1").is_err());
        assert!(parse_camera_exposure("16,0,100").is_err());
        assert!(parse_camera_exposure("-16,0.01,100").is_err());
        assert!(parse_camera_exposure("16,x,100").is_err());
        assert!(parse_camera_exposure("inf,0.01,100").is_err());
    }

    #[test]
    fn hours_days_and_sensitivities() {
        assert_eq!(parse_hours_per_day("8"), Ok(8.0));
        assert_eq!(parse_hours_per_day("24"), Ok(24.0));
        assert!(parse_hours_per_day("0").is_err());
        assert!(parse_hours_per_day("25").is_err());
        assert!(parse_hours_per_day("NaN").is_err());
        assert_eq!(parse_days_per_year("365"), Ok(365.0));
        assert!(parse_days_per_year("367").is_err());
        assert!(parse_days_per_year("-1").is_err());
        assert_eq!(
            parse_sensitivity("medium"),
            Ok(museion::venue::LightSensitivity::Medium)
        );
        assert!(parse_sensitivity("extreme").is_err());
    }

    #[test]
    fn render_scales() {
        assert_eq!(parse_render_scale("0.5"), Ok(0.5));
        assert_eq!(parse_render_scale("1"), Ok(1.0));
        assert_eq!(parse_render_scale(" 0.25 "), Ok(0.25));
        assert!(parse_render_scale("0.2").is_err());
        assert!(parse_render_scale("1.5").is_err());
        assert!(parse_render_scale("NaN").is_err());
        assert!(parse_render_scale("half").is_err());
    }
}
