//! Ids: every room, exhibit, prop, spawn and tour id is unique in its kind (models and
//! artworks share one kind, exhibits, since tours name them alike).

use super::Compiler;
use crate::document::Spanned;
use crate::error::VenueError;
use std::collections::HashMap;

impl Compiler<'_> {
    /// Checks ids and indexes the rooms.
    pub fn check_ids(&mut self) -> Result<(), VenueError> {
        let doc = self.ctx.doc;
        if doc.rooms.is_empty() {
            return Err(self.ctx.source().reference(
                0..0,
                "the venue has no rooms",
                "add at least one [[rooms]] table with an id and a floor",
            ));
        }
        let rooms: Vec<&Spanned<String>> = doc.rooms.iter().map(|r| &r.id).collect();
        self.unique("room", &rooms)?;
        self.room_ids = rooms
            .iter()
            .enumerate()
            .map(|(i, id)| (id.get_ref().clone(), i))
            .collect();
        let exhibits: Vec<&Spanned<String>> = doc
            .artworks
            .iter()
            .map(|a| &a.id)
            .chain(doc.models.iter().map(|m| &m.id))
            .collect();
        self.unique("exhibit", &exhibits)?;
        self.unique("prop", &doc.props.iter().map(|p| &p.id).collect::<Vec<_>>())?;
        self.unique("spawn", &doc.spawns.iter().map(|s| &s.id).collect::<Vec<_>>())?;
        self.unique("tour", &doc.tours.iter().map(|t| &t.id).collect::<Vec<_>>())?;
        Ok(())
    }

    fn unique(&self, kind: &str, ids: &[&Spanned<String>]) -> Result<(), VenueError> {
        let source = self.ctx.source();
        // In file order, so the error points at the later of two uses.
        let mut ids = ids.to_vec();
        ids.sort_by_key(|id| id.span().start);
        let mut seen: HashMap<&str, &Spanned<String>> = HashMap::new();
        for id in ids {
            if id.get_ref().trim().is_empty() {
                return Err(source.value(
                    id.span(),
                    format!("{kind} id is empty"),
                    "give it a short name, e.g. \"atrium\"",
                ));
            }
            if let Some(first) = seen.get(id.get_ref().as_str()) {
                let at = source.at(&first.span());
                let place = if at.line > 0 {
                    format!(" (line {})", at.line)
                } else {
                    String::new()
                };
                return Err(source.reference(
                    id.span(),
                    format!("duplicate {kind} id \"{}\"", id.get_ref()),
                    format!(
                        "{kind} ids must be unique; \"{}\" is already used{place}",
                        id.get_ref()
                    ),
                ));
            }
            seen.insert(id.get_ref(), id);
        }
        Ok(())
    }
}
