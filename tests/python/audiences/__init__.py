"""The audiences domain's tests."""

# Each event source's sample seed file; its var is the file's name between
# "sample_audience_" and ".csv", with "_path" (website_events_path, ...).
SAMPLE_EVENT_FILES = {
    "website": "sample_audience_website_events.csv",
    "video": "sample_audience_video_views.csv",
    "facebook": "sample_audience_facebook_actions.csv",
    "instagram": "sample_audience_instagram_actions.csv",
}
