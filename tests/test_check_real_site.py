"""The check on this project's own site: zero findings, static and in the browser."""

import pytest

from conftest import ROOT
from trygg.check import check_site, summary


def test_the_real_site_has_no_static_findings(real_site):
    findings = check_site(real_site, ROOT)
    assert findings == [], summary(findings)


@pytest.mark.browser
def test_the_real_site_has_no_findings_in_the_browser(real_site):
    findings = check_site(real_site, ROOT, browser=True)
    assert findings == [], "\n".join(map(str, findings)) + "\n" + summary(findings)
