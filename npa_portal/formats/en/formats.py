"""English dates as the NPA's English pages write them: 15 February 2023, June 1990.
Everything not set here is Django's own English format."""

DATE_FORMAT = "j F Y"
YEAR_MONTH_FORMAT = "F Y"
