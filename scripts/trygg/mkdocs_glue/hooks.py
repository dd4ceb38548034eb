"""MkDocs hooks for what holds on every page in every language (see mkdocs.yml ``hooks``)."""

from trygg.page_html import add_content_security_policy


def on_post_page(output, page, config):
    return add_content_security_policy(output)


def on_post_template(output, template_name, config):
    if template_name.endswith(".html"):
        return add_content_security_policy(output)
    return output
