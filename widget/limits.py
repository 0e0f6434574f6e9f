"""Every input limit, defined once: schemas, the OpenAPI document and the embed follow these."""

BODY_MAX_LENGTH = 5000
BODY_HARD_MAX_LENGTH = 20000  # the most a site may allow
AUTHOR_NAME_MAX_LENGTH = 80
AUTHOR_EMAIL_MAX_LENGTH = 254
AUTHOR_WEBSITE_MAX_LENGTH = 512
PAGE_KEY_MAX_LENGTH = 512
PAGE_URL_MAX_LENGTH = 2048
PAGE_TITLE_MAX_LENGTH = 300
SITE_SLUG_MAX_LENGTH = 64
THREAD_PAGE_DEFAULT = 50
THREAD_PAGE_MAX = 200
COUNTS_MAX_PAGES = 100
MAX_DEPTH_LIMIT = 10
EDIT_WINDOW_MAX_SECONDS = 7 * 24 * 3600
ID_MAX = 2**31 - 1  # ids are 32-bit integers in the database; larger ones cannot exist
