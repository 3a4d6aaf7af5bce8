"""`{% sentences %}...{% endsentences %}`: the sentences written on separate template lines
joined as the active language joins them (core.text.join_sentences), so a Japanese paragraph
built from several messages shows no space after 「。」."""

from django import template

from core import text

register = template.Library()


@register.tag
def sentences(parser, token):
    nodelist = parser.parse(("endsentences",))
    parser.delete_first_token()
    return SentencesNode(nodelist)


class SentencesNode(template.Node):
    def __init__(self, nodelist):
        self.nodelist = nodelist

    def render(self, context):
        return text.join_sentences(self.nodelist.render(context))
