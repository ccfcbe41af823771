"""Competence and awareness (ISO/IEC 27001 7.2 and 7.3): an organisation records who took which training (the
course, the date, who gave it, the evidence) and the awareness campaigns it ran (what, when, for whom, with which
material, who took part). Its people's record also shows, read and never copied, the cluster's sessions they
attended and the policies they acknowledged."""
