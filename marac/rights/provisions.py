"""The provisions of the Victims' Rights Directive and the Istanbul Convention that a locality's process serves.

Each summary is ours, written for practitioners: it says what the provision asks of the agencies, not what it says
word for word. The official texts are Directive 2012/29/EU of the European Parliament and of the Council (the
Victims' Rights Directive) and the Council of Europe Convention on preventing and combating violence against women
and domestic violence (CETS No. 210, the Istanbul Convention). A partnership maps every provision to the part of its
process that serves it and confirms when that part is in place (`models.ProvisionCheck`); the suggested part below
is where the checklist starts.
"""

from dataclasses import dataclass

from django.db import models
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext


class Instrument(models.TextChoices):
    VICTIMS_RIGHTS_DIRECTIVE = "vrd", _("Victims' Rights Directive 2012/29/EU")
    ISTANBUL_CONVENTION = "ic", _("Istanbul Convention")


class ProcessPart(models.TextChoices):
    """The parts of a locality's process, in the order a case goes through them."""

    REFERRAL = "referral", _("Identification and referral")
    FIRST_CONTACT = "first_contact", _("First contact and support from the IDVA")
    RISK_ASSESSMENT = "risk_assessment", _("Risk assessment and individual needs assessment")
    MEETING = "meeting", _("The multi-agency meeting and the safety plan")
    ACTIONS = "actions", _("Agencies' actions and protection measures")
    PERPETRATOR = "perpetrator", _("Managing the perpetrator: orders, custody and programmes")
    KEEPING_INFORMED = "keeping_informed", _("Keeping the victim informed")
    GOVERNANCE = "governance", _("Governance, information sharing and training")


@dataclass(frozen=True)
class Provision:
    code: str
    instrument: Instrument
    article: int
    title: Promise
    summary: Promise
    suggested_part: ProcessPart

    @property
    def reference(self) -> str:
        """ "VRD Art. 22", "IC Art. 51": short enough for a tag."""
        if self.instrument == Instrument.VICTIMS_RIGHTS_DIRECTIVE:
            return pgettext("provision reference", "VRD Art. %(article)s") % {"article": self.article}
        return pgettext("provision reference", "IC Art. %(article)s") % {"article": self.article}


def _vrd(article: int, title: Promise, summary: Promise, part: ProcessPart) -> Provision:
    return Provision(f"vrd-{article}", Instrument.VICTIMS_RIGHTS_DIRECTIVE, article, title, summary, part)


def _ic(article: int, title: Promise, summary: Promise, part: ProcessPart) -> Provision:
    return Provision(f"ic-{article}", Instrument.ISTANBUL_CONVENTION, article, title, summary, part)


PROVISIONS: tuple[Provision, ...] = (
    _vrd(
        3,
        _("Understanding and being understood"),
        _(
            "Speak and write to her plainly, in a way that suits her age, abilities and language, and let her bring "
            "someone she trusts to her first contact with the authorities when she needs help to follow it."
        ),
        ProcessPart.FIRST_CONTACT,
    ),
    _vrd(
        4,
        _("Information from the first contact"),
        _(
            "From the first contact, tell her what support there is and how to reach it, how to report a crime, how "
            "to get protection, where to get advice, that she can have an interpreter, and whom to contact about her "
            "case."
        ),
        ProcessPart.FIRST_CONTACT,
    ),
    _vrd(
        5,
        _("Reporting a crime"),
        _(
            "When she reports a crime she gets a written acknowledgement of the report, and she can make it in a "
            "language she understands or with the help she needs to do so."
        ),
        ProcessPart.REFERRAL,
    ),
    _vrd(
        6,
        _("Information about her case"),
        _(
            "If she wishes, she is told how her case goes on: decisions not to prosecute, when and where the trial "
            "is, the outcome. She is offered the chance to be told when the person held for the offence is released "
            "or escapes."
        ),
        ProcessPart.KEEPING_INFORMED,
    ),
    _vrd(
        7,
        _("Interpreting and translation"),
        _(
            "She has a free interpreter when she is interviewed or heard, and the documents she needs to take part "
            "in the proceedings are translated for her."
        ),
        ProcessPart.FIRST_CONTACT,
    ),
    _vrd(
        8,
        _("Access to support services"),
        _(
            "She can use free, confidential support services that work in her interest, before, during and after "
            "any proceedings, whether or not she reports the crime; agencies refer her to them."
        ),
        ProcessPart.FIRST_CONTACT,
    ),
    _vrd(
        9,
        _("What support services give"),
        _(
            "Support means information and advice, emotional and practical help, and advice on the risk of further "
            "harm and how to avoid it; specialist services add safe accommodation and help after trauma."
        ),
        ProcessPart.FIRST_CONTACT,
    ),
    _vrd(
        18,
        _("Protection"),
        _(
            "She and her family are protected from further harm, from intimidation and retaliation, and from harm "
            "to their dignity when she is questioned or gives evidence."
        ),
        ProcessPart.MEETING,
    ),
    _vrd(
        19,
        _("No contact with the offender"),
        _(
            "Where proceedings take place she does not have to meet the offender: court buildings have separate "
            "waiting areas, for example."
        ),
        ProcessPart.ACTIONS,
    ),
    _vrd(
        20,
        _("Protection during the investigation"),
        _(
            "She is interviewed without needless delay and as few times as possible, may be accompanied, and has "
            "only the medical examinations the proceedings really need."
        ),
        ProcessPart.ACTIONS,
    ),
    _vrd(
        21,
        _("Privacy"),
        _(
            "Her private life and anything that could identify her or her children are protected, in the "
            "proceedings and from publicity."
        ),
        ProcessPart.GOVERNANCE,
    ),
    _vrd(
        22,
        _("Individual assessment of her protection needs"),
        _(
            "In good time, and with her, assess whether she needs particular protection and which measures would "
            "help; update the assessment when her circumstances change significantly. Victims of violence by a "
            "partner or family member get particular attention."
        ),
        ProcessPart.RISK_ASSESSMENT,
    ),
    _vrd(
        23,
        _("Measures for specific protection needs"),
        _(
            "Where the assessment finds specific needs, she is offered measures such as interviews in suitable "
            "rooms by the same trained person, of the same sex if she wishes, and giving evidence without facing "
            "the offender."
        ),
        ProcessPart.ACTIONS,
    ),
    _vrd(
        26,
        _("Cooperation between services"),
        _(
            "Agencies cooperate and coordinate their work so that she can use her rights, and people are made "
            "aware of what those rights are."
        ),
        ProcessPart.GOVERNANCE,
    ),
    _ic(
        16,
        _("Programmes for perpetrators"),
        _(
            "Programmes teach perpetrators to behave without violence in their relationships; the victims' safety, "
            "support and rights come first in them."
        ),
        ProcessPart.PERPETRATOR,
    ),
    _ic(
        18,
        _("Protecting and supporting: the general duty"),
        _(
            "The police, the courts, prosecutors, social services, health services and specialist organisations "
            "work together to protect and support her, with her safety and rights at the centre, helping her to "
            "become independent again."
        ),
        ProcessPart.MEETING,
    ),
    _ic(
        19,
        _("Information on support and legal measures"),
        _(
            "She is told in good time, in a language she understands, which support services and legal measures "
            "are open to her."
        ),
        ProcessPart.FIRST_CONTACT,
    ),
    _ic(
        20,
        _("General support services"),
        _(
            "She can get help to recover: legal and psychological counselling, money, housing, education, training "
            "and help with work, and health and social services whose staff are trained to help her."
        ),
        ProcessPart.ACTIONS,
    ),
    _ic(
        22,
        _("Specialist support services"),
        _(
            "Specialist support, at once and for as long as needed, is available to her and her children, within "
            "reach wherever they live."
        ),
        ProcessPart.FIRST_CONTACT,
    ),
    _ic(
        23,
        _("Refuges"),
        _(
            "There are enough safe refuges, easy to reach, to give her and her children somewhere safe to stay, "
            "and they reach out to victims."
        ),
        ProcessPart.ACTIONS,
    ),
    _ic(
        25,
        _("Support after sexual violence"),
        _(
            "After sexual violence she can get to a suitable centre for a medical and forensic examination, "
            "support after the trauma, and counselling."
        ),
        ProcessPart.ACTIONS,
    ),
    _ic(
        31,
        _("Custody, contact and safety"),
        _(
            "Decisions about who the children live with and whom they see take the violence into account, and no "
            "contact arrangement puts her or the children in danger."
        ),
        ProcessPart.ACTIONS,
    ),
    _ic(
        51,
        _("Risk assessment and risk management"),
        _(
            "Every relevant agency assesses the risk that she could be killed, how serious the situation is and "
            "whether violence will happen again, and they manage that risk together with coordinated safety and "
            "support, asking whether the perpetrator has or can get firearms."
        ),
        ProcessPart.RISK_ASSESSMENT,
    ),
    _ic(
        52,
        _("Emergency barring orders"),
        _(
            "When she is in immediate danger, the authorities can order the perpetrator to leave her home and stay "
            "away from her and the home for a set time."
        ),
        ProcessPart.PERPETRATOR,
    ),
    _ic(
        53,
        _("Restraining and protection orders"),
        _(
            "She can obtain a protection order without undue cost or burden, for a set time or until changed, on "
            "its own or beside other proceedings; breaking it carries a sanction."
        ),
        ProcessPart.PERPETRATOR,
    ),
    _ic(
        56,
        _("Protection during investigations and proceedings"),
        _(
            "Throughout she is protected and kept informed, including when the perpetrator escapes or is released; "
            "she is heard, supported and helped by interpreters, and kept apart from the perpetrator where possible."
        ),
        ProcessPart.KEEPING_INFORMED,
    ),
    _ic(
        65,
        _("Data protection"),
        _(
            "Personal data about her and everyone in the case is kept and used under the Council of Europe's data "
            "protection rules (Convention 108)."
        ),
        ProcessPart.GOVERNANCE,
    ),
)

PROVISIONS_BY_CODE: dict[str, Provision] = {provision.code: provision for provision in PROVISIONS}
