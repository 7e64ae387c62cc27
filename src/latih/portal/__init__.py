"""The participant's front end over every app: the dashboard (beranda) and the profile
(courses, tests, certificates and hours in one page). It imports the apps below it; none
of them imports it."""
