"""The audiences domain's tests."""

from __future__ import annotations

from pathlib import Path

from audience_warehouse.audiences.generator import AudienceData
from audience_warehouse.io.files import write_frame

# Each event source's sample seed file; its var is the file's name between
# "sample_audience_" and ".csv", with "_path" (website_events_path, ...).
SAMPLE_EVENT_FILES = {
    "website": "sample_audience_website_events.csv",
    "video": "sample_audience_video_views.csv",
    "facebook": "sample_audience_facebook_actions.csv",
    "instagram": "sample_audience_instagram_actions.csv",
}


def write_generated(
    data: AudienceData, folder: Path, parquet: frozenset[str] = frozenset()
) -> dict[str, str]:
    """Write generated audiences data as files (the tables named in
    ``parquet`` as Parquet, the others as CSV) and return the vars that
    point a build at them (audience_people_path, website_events_path, ...)."""
    paths = {}
    for name, frame in data.tables().items():
        path = folder / f"{name}.{'parquet' if name in parquet else 'csv'}"
        write_frame(frame, path, lambda f: f.to_csv(index=False))
        var = "audience_people_path" if name == "people" else f"{name}_path"
        paths[var] = str(path)
    return paths
