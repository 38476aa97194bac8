"""{% profile_section section %}: renders another app's section of Min profil with the page's
context plus the section's own context (accounts/profile_sections.py)."""

from django import template

register = template.Library()


@register.simple_tag(takes_context=True)
def profile_section(context, section):
    section_template = context.template.engine.get_template(section.template_name)
    with context.push(section=section, **section.context):
        return section_template.render(context)
