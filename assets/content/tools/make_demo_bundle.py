#!/usr/bin/env python3
"""Generate assets/content/demo-bundle.json, the demo hall's content bundle (schema 1).

The guides are written below in Simplified Chinese and English; the Traditional
Chinese text is produced with OpenCC (s2tw, character conversion only, no
vocabulary change) plus a few fix-ups towards the mainland Traditional usage of
the source documents (台賬, 平台, 行政復議 ...). Needs the `opencc` command
(Debian: apt-get install opencc).

    python3 assets/content/tools/make_demo_bundle.py [output.json]
    python3 assets/content/tools/make_demo_bundle.py --check FILE.json
"""
import json
import os
import subprocess
import sys

DISTRICT = "441302"          # 事項編碼 prefix (district administrative code)
VERSION = "2026.11.20-2"  # -2: aliases
PUBLISHED = "2026-11-20T08:00:00Z"
SUPERVISION_PHONE = "0752-2816000"
FORM_BASE = "https://zwfw.example.gov.cn/forms/"


def t(zh, en):
    """A TEXT; zh-Hant is filled in by to_traditional()."""
    return {"zh-Hans": zh, "en": en}


# --------------------------------------------------------------------------
# Departments: id, Simplified, Traditional, English, window number, code abbr.,
# the body's full name (zh, en) and the consultation phone.
DEPTS = [
    ("hrss", "人力资源和社会保障局", "人力資源和社會保障局", "Human Resources and Social Security Bureau", 1, "RS",
     "区人力资源和社会保障局", "District Human Resources and Social Security Bureau", "0752-2816101"),
    ("family_planning", "计划生育局", "計劃生育局", "Family Planning Bureau", 2, "JS",
     "区计划生育局", "District Family Planning Bureau", "0752-2816102"),
    ("health", "卫生局", "衛生局", "Health Bureau", 3, "WS",
     "区卫生局", "District Health Bureau", "0752-2816103"),
    ("culture", "文化体育旅游局", "文化體育旅遊局", "Culture, Sports and Tourism Bureau", 4, "WT",
     "区文化体育旅游局", "District Culture, Sports and Tourism Bureau", "0752-2816104"),
    ("justice", "司法局", "司法局", "Justice Bureau", 5, "SF",
     "区司法局", "District Justice Bureau", "0752-2816105"),
    ("employment", "就业局", "就業局", "Employment Bureau", 6, "JY",
     "区就业局", "District Employment Bureau", "0752-2816106"),
    ("disabled", "残疾人联合会", "殘疾人聯合會", "Disabled Persons' Federation", 7, "CL",
     "区残疾人联合会", "District Disabled Persons' Federation", "0752-2816107"),
    ("state_tax", "国家税务局", "國家稅務局", "State Taxation Bureau", 8, "GS",
     "区国家税务局", "District State Taxation Bureau", "0752-2816108"),
    ("local_tax", "地方税务局", "地方稅務局", "Local Taxation Bureau", 9, "DS",
     "区地方税务局", "District Local Taxation Bureau", "0752-2816109"),
    ("public_security", "公安分局", "公安分局", "Public Security Sub-bureau", 10, "GA",
     "区公安分局", "District Public Security Sub-bureau", "0752-2816110"),
    ("environment", "环境保护分局", "環境保護分局", "Environmental Protection Sub-bureau", 11, "HB",
     "区环境保护分局", "District Environmental Protection Sub-bureau", "0752-2816111"),
]
DEPT = {d[0]: dict(zip(("id", "hans", "hant", "en", "win", "abbr", "body", "body_en", "phone"), d)) for d in DEPTS}

# --------------------------------------------------------------------------
# Where materials come from.
SRC = {
    "self": t("申请人自备", "Applicant's own"),
    "window": t("窗口领取或网上下载", "Collected at the window or downloaded online"),
    "ps": t("公安机关核发", "Issued by the public security organ"),
    "hospital": t("医疗机构出具", "Issued by a medical institution"),
    "employer": t("用人单位出具", "Issued by the employer"),
    "amr": t("市场监督管理部门核发", "Issued by the market regulation authority"),
    "realestate": t("不动产登记机构核发", "Issued by the real estate registration agency"),
    "bank": t("申请人开户银行办理", "From the applicant's bank"),
    "photo": t("申请人自备或窗口现场免费拍摄", "Applicant's own, or taken free of charge at the window"),
    "civil": t("民政部门核发", "Issued by the civil affairs department"),
    "community": t("村（居）民委员会出具", "Issued by the village or residents' committee"),
    "agent": t("代办人自备", "Provided by the agent"),
    "school": t("毕业院校核发", "Issued by the school"),
    "fire": t("消防救援机构出具", "Issued by the fire and rescue authority"),
    "tax": t("税务机关核发", "Issued by the tax authority"),
    "dpf": t("残疾人联合会核发", "Issued by the Disabled Persons' Federation"),
    "platform": t("网上填报生成", "Generated when filling in online"),
}


def M(zh, en, form, src, req=True, n=1, note=None):
    m = {"name": t(zh, en), "form": form, "count": n,
         "source": SRC[src] if isinstance(src, str) else src, "required": req}
    if note:
        m["notes"] = note
    return m


def ID(req=True, note=None, form="original"):
    return M("居民身份证", "Resident identity card", form, "ps", req, note=note)


def AGENT(what="代办", n=1):
    return M("代办人居民身份证及授权委托书", "Agent's identity card and letter of authorisation", "original", "agent", False, n,
             t("委托他人%s时提供，委托书须申请人签名" % what, "Only when someone applies on your behalf; the letter must be signed by the applicant"))


# --------------------------------------------------------------------------
HOURS = t("周一至周五 9:00-12:00, 13:30-17:30（法定节假日除外）",
          "Mon–Fri 9:00–12:00, 13:30–17:30 (except public holidays)")
COMPLAINT = t("12345政务服务便民热线；区政务服务中心监督电话 %s；或本机“评价与投诉”" % SUPERVISION_PHONE,
              "12345 service hotline; Service Centre supervision line %s; or 'Feedback' on this kiosk" % SUPERVISION_PHONE)
D_SPOT = t("当场办结，窗口当场领取", "Completed on the spot; collect at the window")
D_PICK_POST = t("窗口领取，或申请时选择免费邮寄送达", "Collect at the window, or choose free postal delivery when applying")


def remedies(body="区人民政府", body_en="District People's Government"):
    return t("对办理结果不服的，可自知道该行政行为之日起60日内向%s申请行政复议，或者自知道之日起6个月内向区人民法院提起行政诉讼。" % body,
             "If you disagree with the decision, you may apply to the %s for administrative reconsideration within 60 days, "
             "or bring an administrative lawsuit in the District People's Court within 6 months." % body_en)


def remedies_tax(superior, superior_en):
    return t("对征税行为不服的，应先按税务机关的纳税决定缴纳税款及滞纳金或提供相应担保，再自知道之日起60日内向%s申请行政复议；"
             "对复议决定不服的，可自收到复议决定书之日起15日内向人民法院提起行政诉讼。对其他税务行政行为不服的，"
             "可在60日内申请行政复议，或在6个月内向人民法院提起行政诉讼。" % superior,
             "To contest a tax assessment, first pay the tax and any late fee (or provide a guarantee), then apply to the %s "
             "for administrative reconsideration within 60 days; if you disagree with the result, sue within 15 days of receiving it. "
             "Other tax decisions: reconsideration within 60 days or a lawsuit within 6 months." % superior_en)


def progress(phone, spot=False, extra=None, extra_en=None):
    if spot:
        zh = "即办件，材料齐全当场办结；办理记录可在区政务服务网“我的办件”查询，或拨打%s。" % phone
        en = "Done on the spot when the materials are complete; records under 'My cases' on the district service website, or call %s." % phone
    else:
        zh = "凭受理回执上的办件编号，在区政务服务网“办件查询”、扫描回执二维码或拨打%s查询；办结后短信通知。" % phone
        en = "With the case number on your receipt: 'Case status' on the district service website, the receipt's QR code, or call %s. You get a text when it is done." % phone
    if extra:
        zh += extra
        en += " " + extra_en
    return t(zh, en)


GUIDES = []


def G(dept, n, name, typ, spot, basis, cond, materials, steps, promised, legal, fees, delivery, updated, forms,
      accepting=None, deciding=None, apply=("on_site", "online"), prohibitions=None, fee_basis=None,
      intermediary=None, result_sample=None, remedy=None, prog=None, hours=None):
    d = DEPT[dept]
    code = "%s-%s-%03d" % (DISTRICT, d["abbr"], n)
    body = t(d["body"], d["body_en"])
    g = {
        "code": code,
        "name": name,
        "type": typ,
        "on_the_spot": spot,
        "department": dept,
        "windows": ["w%02d" % d["win"]],
        "accepting_body": accepting or body,
        "deciding_body": deciding or body,
        "legal_basis": basis,
        "conditions": cond,
    }
    if prohibitions:
        g["prohibitions"] = prohibitions
    g["materials"] = materials
    g["apply_methods"] = list(apply)
    g["steps"] = [t(*s) for s in steps]
    g["promised_days"] = promised
    g["legal_days"] = legal
    g["fees"] = fees
    if fee_basis:
        g["fee_basis"] = fee_basis
    g["intermediary"] = intermediary or t("无", "None")
    g["delivery"] = delivery
    if result_sample:
        g["result_sample"] = result_sample
    g["remedies"] = remedy or remedies()
    g["location"] = t("区政务服务中心一楼 %d号窗口" % d["win"],
                      "Window %d, 1st floor, District Government Service Centre" % d["win"])
    g["hours"] = hours or HOURS
    g["phone"] = d["phone"]
    g["complaint"] = COMPLAINT
    g["forms"] = [{"name": t(zh, en), "url": "%s%s-%d.pdf" % (FORM_BASE, code, i + 1), "sample": sample}
                  for i, (zh, en, sample) in enumerate(forms)]
    g["progress_query"] = prog or progress(d["phone"], spot)
    g["updated"] = updated
    GUIDES.append(g)


NOFEE = t("不收费", "Free of charge")

# ==========================================================================
# 人力资源和社会保障局 (w01)
G("hrss", 1, t("社会保障卡申领（即时制卡）", "Social security card application (instant issue)"),
  "public_service", True,
  t("《中华人民共和国社会保险法》第五十八条；《社会保障卡管理办法》（人社部发〔2011〕47号）",
    "Social Insurance Law of the PRC, Art. 58; Social Security Card Administration Measures (MOHRSS [2011] No. 47)"),
  t("在本区参加社会保险或户籍在本区、尚未持有本人社会保障卡的人员均可申领；未满16周岁的由监护人代为申请。",
    "Anyone insured or registered (hukou) in the district who has no social security card yet. Guardians apply for children under 16."),
  [ID(note=t("未满16周岁的可提供户口簿或出生医学证明", "Children under 16 may use the household register or birth certificate")),
   M("社会保障卡申领登记表", "Social security card application form", "original", "window",
     note=t("须本人签名，代办的由代办人签名", "Signed by the applicant, or by the agent")),
   M("近6个月内白底免冠彩色证件照", "Colour ID photo, white background, taken within 6 months", "original", "photo",
     note=t("窗口可现场免费拍照采集", "The window takes a photo free of charge")),
   M("监护关系证明（户口簿或出生医学证明）", "Proof of guardianship (household register or birth certificate)", "original_and_copy", "ps", False,
     note=t("为未成年人申领时提供", "Only when applying for a minor")),
   AGENT()],
  [("取号后向1号窗口提交身份证和申领登记表（受理）", "Take a ticket and hand in your ID card and form at window 1 (acceptance)"),
   ("窗口核验身份，采集照片和签名，确认参保信息（审核）", "The clerk checks your identity, takes photo and signature, confirms your insurance record (review)"),
   ("选择合作银行开通金融功能，现场即时制卡（制卡）", "Choose a partner bank for the card's banking function; the card is printed on the spot"),
   ("当场领卡，设置密码并启用（送达）", "Collect the card, set the PIN and activate it (delivery)")],
  0, 0, t("首次申领不收费", "Free for a first card"), D_SPOT, "2026-09-15",
  [("社会保障卡申领登记表", "Social security card application form", False),
   ("社会保障卡申领登记表（填写示范）", "Social security card application form (filled-in sample)", True)],
  prog=progress("0752-2816101", True, "卡片状态也可在“电子社保卡”中查询。", "Card status is also shown in the electronic social security card app."))

G("hrss", 2, t("城乡居民基本养老保险参保登记", "Enrolment in basic pension insurance for urban and rural residents"),
  "public_service", True,
  t("《中华人民共和国社会保险法》第二十条、第二十二条；《国务院关于建立统一的城乡居民基本养老保险制度的意见》（国发〔2014〕8号）",
    "Social Insurance Law, Arts. 20 and 22; State Council Opinion on a unified basic pension scheme for urban and rural residents (Guo Fa [2014] No. 8)"),
  t("年满16周岁（不含在校学生）、户籍在本区，非国家机关和事业单位工作人员，且未参加职工基本养老保险的城乡居民。",
    "Residents aged 16 or over (students excepted) with hukou in the district who are not civil servants or public-institution staff and are not in the employees' pension scheme."),
  [ID(),
   M("居民户口簿", "Household register (hukou booklet)", "original_and_copy", "ps",
     note=t("复印户主页和本人页", "Copy the head-of-household page and your own page")),
   M("城乡居民基本养老保险参保登记表", "Enrolment form for residents' basic pension insurance", "original", "window",
     note=t("须本人签名并选择缴费档次", "Sign it and choose your contribution level")),
   M("本人社会保障卡或银行结算账户", "Your social security card or bank account", "original", "bank",
     note=t("用于按年缴费和领取养老金", "Used for yearly contributions and for receiving the pension")),
   AGENT()],
  [("向1号窗口提交身份证、户口簿和登记表（受理）", "Hand in ID card, household register and form at window 1 (acceptance)"),
   ("核验户籍信息，查询是否已参加职工养老保险（审核）", "The clerk checks your hukou and whether you are already in the employees' scheme (review)"),
   ("录入参保信息，确认缴费档次和扣款账户（办理）", "Enrolment is recorded with your contribution level and payment account"),
   ("当场出具参保登记回执（送达）", "You receive the enrolment receipt on the spot (delivery)")],
  0, 0, t("办理登记不收费；养老保险费按本人选择的缴费档次按年缴纳",
          "Enrolment is free; contributions are paid yearly at the level you choose"),
  t("当场出具《参保登记回执》", "Enrolment receipt handed over on the spot"), "2026-07-08",
  [("城乡居民基本养老保险参保登记表", "Enrolment form for residents' basic pension insurance", False)])

G("hrss", 3, t("工伤认定申请", "Application for work-related injury determination"),
  "administrative_confirmation", False,
  t("《工伤保险条例》第十四条至第二十条；《工伤认定办法》（人力资源社会保障部令第8号）",
    "Regulation on Work-Related Injury Insurance, Arts. 14–20; Measures for Work-Related Injury Determination (MOHRSS Order No. 8)"),
  t("职工发生事故伤害或被诊断、鉴定为职业病的，用人单位应自事故发生之日或诊断、鉴定之日起30日内提出申请；"
    "用人单位未申请的，职工或其近亲属、工会组织可在1年内直接申请。",
    "The employer must apply within 30 days of the accident or of the occupational disease diagnosis; if it does not, "
    "the employee, a close relative or the trade union may apply within 1 year."),
  [M("工伤认定申请表", "Application form for work-related injury determination", "original", "window", n=2),
   M("劳动关系证明材料（劳动合同、工资发放记录等）", "Proof of employment (labour contract, payroll records, etc.)", "copy", "self",
     note=t("无书面劳动合同的可提供工资记录、工作证等", "Without a written contract, payroll records or a staff card will do")),
   M("医疗诊断证明书或职业病诊断证明书", "Medical diagnosis certificate or occupational disease diagnosis certificate", "original_and_copy", "hospital",
     note=t("首次就诊的病历一并提供", "Include the records of the first treatment")),
   M("受伤职工居民身份证", "Injured employee's identity card", "copy", "ps"),
   M("事故经过说明及证人证言", "Account of the accident and witness statements", "original", "self",
     note=t("证人证言须附证人身份证复印件", "Attach a copy of each witness's ID card")),
   M("授权委托书及受托人身份证", "Letter of authorisation and the representative's ID card", "original", "agent", False,
     note=t("委托他人申请时提供", "Only when a representative applies"))],
  [("窗口受理：材料齐全的当场受理，不齐全的一次性书面告知需补正的全部材料", "Acceptance: complete files are accepted at once; otherwise you get one written list of everything missing"),
   ("调查核实：必要时向用人单位、医疗机构和证人调查取证", "Investigation: the bureau may question the employer, hospital and witnesses"),
   ("作出认定：自受理之日起60日内作出认定工伤或不予认定的决定", "Decision within 60 days of acceptance: injury recognised or not recognised"),
   ("送达：将决定书送达申请人、受伤职工（或近亲属）和用人单位", "Delivery of the written decision to the applicant, the employee (or relatives) and the employer")],
  30, 60, NOFEE, t("直接送达或邮寄送达", "Handed over in person or sent by post"), "2026-10-12",
  [("工伤认定申请表", "Application form for work-related injury determination", False),
   ("工伤认定申请表（示范文本）", "Application form for work-related injury determination (sample)", True)],
  prohibitions=t("故意犯罪、醉酒或者吸毒、自残或者自杀的，不得认定为工伤或者视同工伤（《工伤保险条例》第十六条）。",
                 "Injuries from a deliberate crime, drunkenness or drug use, self-harm or suicide are not work injuries (Art. 16)."),
  result_sample=t("《认定工伤决定书》/《不予认定工伤决定书》", "Decision recognising / not recognising a work-related injury"))

# ==========================================================================
# 计划生育局 (w02)
G("family_planning", 1, t("生育登记", "Birth registration (family planning)"),
  "public_service", True,
  t("《中华人民共和国人口与计划生育法》第十八条；《广东省人口与计划生育条例》",
    "Population and Family Planning Law of the PRC, Art. 18; Guangdong Population and Family Planning Regulations"),
  t("夫妻双方或一方户籍在本区，或在本区居住的流动人口，生育第一、二、三个子女的，可在怀孕后至子女出生后办理生育登记；"
    "生育登记不作为办理入户等事项的前置条件。",
    "Couples with hukou or residence in the district having a first, second or third child may register from pregnancy until after the birth. "
    "Registration is not a precondition for hukou or other services."),
  [M("夫妻双方居民身份证", "Identity cards of both spouses", "original", "ps", n=2),
   M("结婚证", "Marriage certificate", "original", "civil", False,
     note=t("已婚夫妻提供；信息可共享核验的免交", "For married couples; not needed if it can be verified online")),
   M("生育登记表", "Birth registration form", "original", "window",
     note=t("网上办理的在线填写，无需纸质表", "Filled in online when applying online")),
   M("居民户口簿或居住证", "Household register or residence permit", "original", "ps")],
  [("现场提交材料或在网上填报（受理）", "Hand in the materials or apply online (acceptance)"),
   ("核验夫妻双方身份和婚育信息（审核）", "Identity and family information are checked (review)"),
   ("当场登记并出具《生育登记服务单》（决定）", "Registration on the spot; you receive the registration slip (decision)"),
   ("信息推送至社区卫生服务机构，提供孕产期保健服务（后续服务）", "Your details go to the community health centre for prenatal care (follow-up)")],
  0, 0, NOFEE, t("当场出具《生育登记服务单》；网上办理的可下载电子服务单", "Registration slip on the spot; online applicants download it"),
  "2026-06-18",
  [("生育登记表", "Birth registration form", False)],
  result_sample=t("《生育登记服务单》", "Birth registration slip"))

G("family_planning", 2, t("农村部分计划生育家庭奖励扶助资格确认", "Eligibility confirmation for the rural family planning reward allowance"),
  "administrative_payment", False,
  t("《中华人民共和国人口与计划生育法》；《农村部分计划生育家庭奖励扶助制度试点方案》（国办发〔2004〕21号）",
    "Population and Family Planning Law; Pilot Scheme of Reward and Assistance for Some Rural Family-Planning Families (Guo Ban Fa [2004] No. 21)"),
  t("本人及配偶均为农村居民户口；1973年至2001年期间没有违反计划生育政策生育；现存一个子女或两个女孩，或子女死亡现无子女；年满60周岁。",
    "Both spouses hold rural hukou; no births against the family planning policy from 1973 to 2001; one living child, two daughters, or no surviving child; aged 60 or over."),
  [M("奖励扶助对象申报表", "Reward allowance application form", "original", "window",
     note=t("须经村（居）委会签署初审意见", "Must carry the village or residents' committee's first review")),
   M("本人居民身份证和户口簿", "Applicant's identity card and household register", "original_and_copy", "ps"),
   M("结婚证、离婚证或配偶死亡证明", "Marriage or divorce certificate, or spouse's death certificate", "copy", "civil"),
   M("子女情况证明（户口簿、出生医学证明或死亡证明）", "Proof of children (household register, birth or death certificates)", "copy", "ps"),
   M("本人社会保障卡或银行账户", "Applicant's social security card or bank account", "copy", "bank",
     note=t("用于发放奖励扶助金", "The allowance is paid into it"))],
  [("本人向户籍所在村（居）委会申请，村（居）委会初审并公示（申请）", "Apply to your village or residents' committee, which checks and posts a public notice"),
   ("镇（街道）计生办审核后报区计划生育局（审核）", "The township (sub-district) office reviews and forwards to the bureau (review)"),
   ("区计划生育局审批，结果在村（居）公示7日（决定）", "The bureau decides; the result is posted in the village for 7 days (decision)"),
   ("确认资格，奖励扶助金按年发放至本人账户（送达）", "Eligibility confirmed; the allowance is paid into your account every year")],
  20, 30, NOFEE, t("资格确认结果书面告知；奖励扶助金按年发放至本人社会保障卡或银行账户",
                   "Written notice of the result; the allowance is paid yearly to your card or bank account"),
  "2026-08-03",
  [("农村部分计划生育家庭奖励扶助对象申报表", "Reward allowance application form", False),
   ("奖励扶助对象申报表（示范文本）", "Reward allowance application form (sample)", True)])

G("family_planning", 3, t("计划生育家庭特别扶助金申请", "Special assistance for family-planning families (loss or disability of an only child)"),
  "administrative_payment", False,
  t("《中华人民共和国人口与计划生育法》；《全国独生子女伤残死亡家庭扶助制度试点方案》（国人口发〔2007〕78号）",
    "Population and Family Planning Law; National Pilot Scheme of Assistance for Families whose Only Child is Disabled or Deceased (2007 No. 78)"),
  t("1933年1月1日以后出生，女方年满49周岁，只生育一个子女或合法收养一个子女，现无存活子女或独生子女被依法鉴定为三级以上残疾。",
    "Born after 1 January 1933; the wife is 49 or older; the couple had or adopted only one child, who has died or is certified as disabled (grade 3 or above)."),
  [M("特别扶助对象申报表", "Special assistance application form", "original", "window"),
   M("夫妻双方居民身份证和户口簿", "Both spouses' identity cards and household registers", "original_and_copy", "ps"),
   M("结婚证", "Marriage certificate", "copy", "civil"),
   M("独生子女死亡证明或残疾人证（三级以上）", "Only child's death certificate or disability certificate (grade 3 or above)", "original_and_copy", t("公安机关、医疗机构或残疾人联合会出具", "Issued by the police, a hospital or the Disabled Persons' Federation")),
   M("本人社会保障卡或银行账户", "Applicant's social security card or bank account", "copy", "bank")],
  [("向户籍所在村（居）委会或1楼2号窗口提出申请（受理）", "Apply at your village or residents' committee or at window 2 (acceptance)"),
   ("镇（街道）核实家庭情况并公示（审核）", "The township (sub-district) verifies the family situation and posts a notice (review)"),
   ("区计划生育局审批（决定）", "The bureau decides (decision)"),
   ("书面告知结果，扶助金按月或按年发放（送达）", "Written notice; the assistance is paid monthly or yearly")],
  20, 30, NOFEE, t("书面告知；扶助金发放至本人账户", "Written notice; payments into your account"), "2026-08-21",
  [("计划生育家庭特别扶助对象申报表", "Special assistance application form", False)])

# ==========================================================================
# 卫生局 (w03)
G("health", 1, t("医疗机构执业登记", "Practice registration of a medical institution"),
  "administrative_license", False,
  t("《医疗机构管理条例》第十五条至第二十一条；《医疗机构管理条例实施细则》",
    "Regulations on the Administration of Medical Institutions, Arts. 15–21, and their Implementing Rules"),
  t("已取得《设置医疗机构批准书》；符合医疗机构基本标准；有适合的名称、组织机构和场所；有与业务相适应的经费、设施、设备和专业卫生技术人员；"
    "有相应的规章制度；能够独立承担民事责任。",
    "Holds the approval to set up the institution; meets the basic standards; has a suitable name, organisation and premises, funds, equipment and "
    "qualified health staff; has its rules in place; can bear civil liability."),
  [M("医疗机构申请执业登记注册书", "Application for practice registration of a medical institution", "original", "window"),
   M("《设置医疗机构批准书》", "Approval for setting up the medical institution", "original_and_copy", t("卫生行政部门核发", "Issued by the health authority")),
   M("房屋产权证明或租赁合同", "Proof of ownership or lease of the premises", "copy", "realestate",
     note=t("租赁的须附出租方产权证明", "For a lease, attach the landlord's title")),
   M("医疗机构建筑设计平面图", "Floor plan of the institution", "original", "self",
     note=t("标明各科室、通道和面积", "Showing departments, passages and floor areas")),
   M("法定代表人、主要负责人身份证及执业资格证书", "ID and professional certificates of the legal representative and the person in charge", "copy", "self"),
   M("卫生技术人员名录及执业证书", "List of health staff and their practising certificates", "copy", "self",
     note=t("加盖单位公章", "Stamped with the institution's seal")),
   M("医疗机构规章制度和人员岗位职责", "Institution rules and job responsibilities", "original", "self")],
  [("窗口受理，出具受理通知书（受理）", "Acceptance at window 3, with an acceptance notice"),
   ("对申请材料进行书面审查（审核）", "Review of the documents"),
   ("组织对场所、设备、人员进行现场审核（现场核查）", "On-site inspection of premises, equipment and staff"),
   ("作出准予或不予登记的决定，准予的核发《医疗机构执业许可证》（决定）", "Decision; if granted, the practice licence is issued"),
   ("窗口领取或邮寄送达（送达）", "Collect at the window or receive by post (delivery)")],
  20, 45, t("不收费（医疗机构执业登记费已取消）", "Free of charge (the registration fee was abolished)"), D_PICK_POST, "2026-10-28",
  [("医疗机构申请执业登记注册书", "Application for practice registration", False),
   ("医疗机构申请执业登记注册书（填写示范）", "Application for practice registration (filled-in sample)", True)],
  prohibitions=t("未取得《医疗机构执业许可证》不得开展诊疗活动；不得使用非卫生技术人员从事医疗卫生技术工作。",
                 "No diagnosis or treatment without the practice licence; no unqualified staff in medical work."),
  result_sample=t("《医疗机构执业许可证》正本、副本", "Medical institution practice licence (original and duplicate)"))

G("health", 2, t("护士执业注册（首次注册）", "Nurse practice registration (first registration)"),
  "administrative_license", False,
  t("《护士条例》第七条、第八条；《护士执业注册管理办法》", "Regulations on Nurses, Arts. 7–8; Measures for Nurse Practice Registration"),
  t("具有完全民事行为能力；完成规定的护理、助产专业学习并取得学历证书；通过护士执业资格考试；符合健康标准。"
    "应自通过考试之日起3年内申请，逾期的须接受3个月临床护理培训并考核合格。",
    "Full civil capacity; nursing or midwifery qualification; passed the national nurse examination; meets the health standard. "
    "Apply within 3 years of passing; later applicants need 3 months of clinical training first."),
  [M("护士执业注册申请审核表", "Nurse registration application form", "original", "window"),
   ID(form="copy"),
   M("学历证书及临床实习证明", "Diploma and certificate of clinical practice", "copy", "school"),
   M("护士执业资格考试成绩合格证明", "Nurse examination pass certificate", "copy", t("网上打印", "Printed from the exam website")),
   M("健康体检证明", "Health examination certificate", "original", "hospital",
     note=t("6个月内县级以上医疗机构出具", "From a county-level or higher hospital, within 6 months")),
   M("拟执业医疗机构的聘用证明", "Letter of employment from the hospital where you will work", "original", "employer"),
   M("临床护理培训考核合格证明", "Clinical training completion certificate", "original", "hospital", False,
     note=t("通过考试超过3年才申请的提供", "Only if you passed the exam more than 3 years ago"))],
  [("在护士电子化注册系统填报或窗口提交（受理）", "Apply in the nurse e-registration system or at window 3 (acceptance)"),
   ("核验考试成绩、学历和体检结果（审核）", "Exam result, diploma and health check are verified (review)"),
   ("作出准予注册的决定，生成电子护士执业证书（决定）", "Registration granted; the electronic nurse certificate is issued (decision)"),
   ("电子证照推送至本人及执业医疗机构（送达）", "The e-certificate goes to you and your hospital (delivery)")],
  10, 20, NOFEE, t("电子证照，可在护士电子化注册系统下载", "Electronic certificate, downloadable from the e-registration system"),
  "2026-09-02",
  [("护士执业注册申请审核表", "Nurse registration application form", False)],
  result_sample=t("电子护士执业证书", "Electronic nurse practising certificate"))

G("health", 3, t("公共场所卫生许可（新办）", "Hygiene licence for a public place (new)"),
  "administrative_license", False,
  t("《公共场所卫生管理条例》第八条；《公共场所卫生管理条例实施细则》第二十二条",
    "Regulations on Hygiene in Public Places, Art. 8; Implementing Rules, Art. 22"),
  t("宾馆、旅店、公共浴室、理发店、美容店、游泳场（馆）等公共场所；场所布局和卫生设施符合卫生标准；从业人员持健康合格证明；建立卫生管理制度。",
    "Hotels, guesthouses, bathhouses, barbers, beauty salons, swimming pools and similar places whose layout and facilities meet hygiene standards, "
    "with health-certified staff and hygiene rules."),
  [M("公共场所卫生许可申请表", "Application form for a public place hygiene licence", "original", "window"),
   M("营业执照", "Business licence", "copy", "amr"),
   M("法定代表人或负责人居民身份证", "ID card of the legal representative or person in charge", "copy", "ps"),
   M("场所方位示意图、平面图和卫生设施布局图", "Location map, floor plan and layout of hygiene facilities", "original", "self"),
   M("公共场所卫生检测报告", "Hygiene test report for the premises", "original", t("具备资质的检测机构出具", "Issued by a qualified testing body"),
     note=t("使用集中空调通风系统的，另附其卫生检测报告", "With central air conditioning, also its hygiene test report")),
   M("从业人员健康合格证明", "Health certificates of the staff", "copy", "hospital"),
   M("卫生管理制度", "Hygiene management rules", "original", "self")],
  [("窗口受理（受理）", "Acceptance at window 3"),
   ("审查申请材料（审核）", "Review of the documents"),
   ("现场审查场所布局和卫生设施（现场核查）", "On-site inspection of layout and facilities"),
   ("作出许可决定（决定）", "Decision"),
   ("核发《公共场所卫生许可证》（送达）", "The licence is issued (delivery)")],
  10, 20, NOFEE, D_PICK_POST, "2026-07-22",
  [("公共场所卫生许可申请表", "Public place hygiene licence application form", False)],
  intermediary=t("公共场所卫生检测：申请人自主选择有资质的检测机构，窗口不指定", "Hygiene testing: choose any qualified testing body; the window names none"),
  result_sample=t("《公共场所卫生许可证》（有效期4年）", "Public place hygiene licence (valid 4 years)"))

# ==========================================================================
# 文化体育旅游局 (w04)
G("culture", 1, t("互联网上网服务营业场所经营许可（网吧）", "Licence for an internet café (internet access service premises)"),
  "administrative_license", False,
  t("《互联网上网服务营业场所管理条例》第七条至第十一条", "Regulations on Internet Access Service Premises, Arts. 7–11"),
  t("已取得营业执照；有固定的营业场所和资金；有健全的信息网络安全管理制度和技术措施；有相应的安全管理和专业技术人员；符合消防安全条件。",
    "Holds a business licence; has fixed premises and funds; has network security rules and technical measures, qualified security and technical staff; meets fire safety conditions."),
  [M("互联网上网服务营业场所经营许可申请表", "Application form for an internet café licence", "original", "window"),
   M("营业执照", "Business licence", "copy", "amr"),
   M("法定代表人或主要负责人居民身份证", "ID card of the legal representative or person in charge", "copy", "ps"),
   M("营业场所产权证明或租赁合同", "Proof of ownership or lease of the premises", "copy", "realestate"),
   M("消防安全检查合格证明", "Fire safety inspection certificate", "copy", "fire"),
   M("信息网络安全审核意见", "Network security review opinion", "copy", t("公安机关网络安全保卫部门出具", "Issued by the police cyber-security department")),
   M("营业场所平面图及计算机终端数量说明", "Floor plan and number of computer terminals", "original", "self")],
  [("窗口受理（受理）", "Acceptance at window 4"),
   ("审查申请材料（审核）", "Review of the documents"),
   ("实地检查营业场所（现场核查）", "On-site inspection of the premises"),
   ("作出许可决定，准予的核发《网络文化经营许可证》（决定）", "Decision; if granted, the online culture business licence is issued"),
   ("窗口领取或邮寄送达（送达）", "Collect at the window or by post")],
  10, 20, NOFEE, D_PICK_POST, "2026-11-05",
  [("互联网上网服务营业场所经营许可申请表", "Internet café licence application form", False),
   ("申请表（示范文本）", "Application form (sample)", True)],
  prohibitions=t("中学、小学校园周围200米范围内和居民住宅楼（院）内不得设立；营业场所不得接纳未成年人。",
                 "Not within 200 m of a primary or secondary school or inside a residential building; minors may not be admitted."),
  result_sample=t("《网络文化经营许可证》", "Online culture business licence"))

G("culture", 2, t("营业性演出许可", "Permit for a commercial performance"),
  "administrative_license", False,
  t("《营业性演出管理条例》第十三条、第二十五条；《营业性演出管理条例实施细则》",
    "Regulations on Commercial Performances, Arts. 13 and 25, and their Implementing Rules"),
  t("由演出经纪机构或文艺表演团体在本区举办；演出场所符合安全、消防要求；演出内容不含条例第二十五条禁止的内容。",
    "Organised in the district by a licensed performance agency or troupe; the venue meets safety and fire requirements; the content contains nothing banned by Art. 25."),
  [M("营业性演出申请登记表", "Commercial performance application form", "original", "window"),
   M("举办单位营业执照和营业性演出许可证", "Organiser's business licence and performance licence", "copy", "self"),
   M("演出节目内容材料（节目单、剧本或歌词、视频）", "Programme materials (programme, script or lyrics, video)", "electronic", "self"),
   M("演员名单、身份证明及演出协议", "List of performers, their IDs and performance contracts", "copy", "self"),
   M("演出场地使用合同", "Venue contract", "copy", "self"),
   M("安全工作方案和突发事件应急预案", "Safety plan and emergency plan", "original", "self")],
  [("窗口或网上提交申请（受理）", "Apply at window 4 or online (acceptance)"),
   ("审核演出内容和举办条件（审核）", "Review of content and conditions"),
   ("自受理之日起3日内作出决定（决定）", "Decision within 3 days of acceptance"),
   ("送达批准文件，不予批准的书面说明理由（送达）", "Approval delivered; a refusal is explained in writing")],
  2, 3, NOFEE, D_PICK_POST, "2026-10-09",
  [("营业性演出申请登记表", "Commercial performance application form", False)],
  result_sample=t("《营业性演出准予许可决定书》", "Decision granting the performance permit"))

G("culture", 3, t("娱乐场所经营许可", "Licence for an entertainment venue"),
  "administrative_license", False,
  t("《娱乐场所管理条例》第五条、第七条、第九条", "Regulations on Entertainment Venues, Arts. 5, 7 and 9"),
  t("已取得营业执照；场所符合消防、建筑安全要求；投资人和负责人无条例第五条规定的情形；场所选址符合第七条规定。",
    "Holds a business licence; premises meet fire and building safety rules; investors and managers are not barred under Art. 5; the location complies with Art. 7."),
  [M("娱乐场所经营许可申请表", "Entertainment venue licence application form", "original", "window"),
   M("营业执照", "Business licence", "copy", "amr"),
   M("投资人、法定代表人、负责人身份证明及无禁止情形的书面声明", "IDs of investors, legal representative and manager, with a written declaration of no barring circumstance", "original", "self"),
   M("营业场所产权证明或租赁合同", "Proof of ownership or lease of the premises", "copy", "realestate"),
   M("消防安全检查合格证明", "Fire safety inspection certificate", "copy", "fire"),
   M("场所平面图（标明包厢、通道和安全出口）", "Floor plan showing rooms, passages and exits", "original", "self")],
  [("窗口受理（受理）", "Acceptance at window 4"),
   ("审查申请材料（审核）", "Review of the documents"),
   ("实地检查包厢数量、面积和门窗设置，必要时举行听证（现场核查）", "On-site check of rooms, areas and doors; a hearing if needed"),
   ("作出许可决定（决定）", "Decision"),
   ("核发《娱乐经营许可证》（送达）", "The licence is issued (delivery)")],
  10, 20, NOFEE, D_PICK_POST, "2026-06-26",
  [("娱乐场所经营许可申请表", "Entertainment venue licence application form", False),
   ("无禁止情形书面声明（示范文本）", "Declaration of no barring circumstance (sample)", True)],
  prohibitions=t("不得设在居民楼、博物馆、图书馆和文物保护单位内，不得设在居民住宅区和学校、医院、机关周围。",
                 "Not in residential buildings, museums, libraries or protected heritage sites, nor near homes, schools, hospitals or government offices."),
  result_sample=t("《娱乐经营许可证》", "Entertainment business licence"))

# ==========================================================================
# 司法局 (w05)
G("justice", 1, t("法律援助申请", "Application for legal aid"),
  "public_service", False,
  t("《中华人民共和国法律援助法》第三十一条、第三十二条、第四十一条、第四十三条", "Legal Aid Law of the PRC, Arts. 31, 32, 41 and 43"),
  t("因经济困难没有委托代理人，且属于法律援助法第三十一条规定的事项（如请求给付赡养费、抚养费，请求支付劳动报酬，请求工伤赔偿，请求社会保险待遇等）；"
    "第三十二条规定的情形（如遭受虐待、遗弃或家庭暴力的受害人主张权益）不受经济困难条件限制。",
    "You cannot afford a lawyer and the matter is listed in Art. 31 (e.g. maintenance, unpaid wages, work-injury compensation, social insurance). "
    "Cases under Art. 32 (e.g. victims of abuse, abandonment or domestic violence) do not need to show financial hardship."),
  [M("法律援助申请表", "Legal aid application form", "original", "window"),
   M("申请人居民身份证或户口簿", "Applicant's identity card or household register", "original_and_copy", "ps"),
   M("经济困难状况说明表（个人诚信承诺）", "Statement of financial hardship (personal pledge)", "original", "window",
     note=t("可通过信息共享核查的，无需另开证明", "No separate certificate if it can be checked through data sharing")),
   M("与申请事项有关的证据材料（如劳动合同、欠薪凭证、判决书）", "Evidence for the matter (e.g. labour contract, proof of unpaid wages, judgment)", "copy", "self"),
   M("法定代理人身份证明及监护关系证明", "Legal representative's ID and proof of guardianship", "original", "agent", False,
     note=t("无民事行为能力人或限制民事行为能力人由法定代理人代为申请", "For applicants without full civil capacity"))],
  [("窗口登记申请并出具收件回执（受理）", "Your application is registered and you get a receipt (acceptance)"),
   ("审查经济困难状况和申请事项（审核）", "Financial situation and the matter are reviewed"),
   ("自收到申请之日起7日内作出是否给予法律援助的决定（决定）", "Decision within 7 days of the application"),
   ("给予援助的指派律师承办并告知申请人，不予援助的书面说明理由（送达）", "A lawyer is assigned and you are told; a refusal is explained in writing")],
  5, 7, t("不收费（法律援助为无偿服务）", "Free of charge (legal aid is free)"),
  t("《给予法律援助决定书》或《不予法律援助决定书》当面或邮寄送达", "Decision granting or refusing legal aid, in person or by post"),
  "2026-09-24",
  [("法律援助申请表", "Legal aid application form", False),
   ("经济困难状况说明表（示范文本）", "Statement of financial hardship (sample)", True)],
  accepting=t("区法律援助中心（区司法局窗口受理）", "District Legal Aid Centre (applications at the Justice Bureau window)"),
  deciding=t("区法律援助中心", "District Legal Aid Centre"),
  remedy=t("对不予法律援助决定有异议的，可向区司法局提出，区司法局应自收到异议之日起5日内作出维持或责令改正的决定；"
           "对维持决定不服的，可依法申请行政复议或提起行政诉讼。",
           "If refused, you may object to the District Justice Bureau, which decides within 5 days; if it upholds the refusal, "
           "you may apply for administrative reconsideration or sue."))

G("justice", 2, t("人民调解申请", "Application for people's mediation"),
  "public_service", False,
  t("《中华人民共和国人民调解法》第四条、第十七条、第二十八条至第三十三条；《人民调解工作若干规定》",
    "People's Mediation Law of the PRC, Arts. 4, 17 and 28–33; Provisions on People's Mediation Work"),
  t("公民之间、公民与法人或其他组织之间的民间纠纷（婚姻家庭、邻里、损害赔偿、劳务报酬等），当事人自愿申请调解；"
    "已经人民法院、仲裁机构受理或处理的纠纷除外。",
    "Civil disputes between citizens, or between citizens and organisations (family, neighbours, damages, pay for services), where the parties agree to mediation; "
    "not for disputes already before a court or arbitration body."),
  [M("人民调解申请书", "Mediation application", "original", "window",
     note=t("也可口头申请，由工作人员记录", "You may also apply orally; staff write it down")),
   M("当事人居民身份证", "Parties' identity cards", "copy", "ps"),
   M("纠纷相关证据材料", "Evidence about the dispute", "copy", "self"),
   M("授权委托书及受托人身份证", "Letter of authorisation and the representative's ID card", "original", "agent", False,
     note=t("委托他人参加调解时提供", "Only when someone represents you"))],
  [("书面或口头提出申请（申请）", "Apply in writing or orally"),
   ("受理并告知当事人权利义务（受理）", "Acceptance; you are told your rights and duties"),
   ("调查核实，组织双方调解（调解）", "Facts are checked and the parties are brought together"),
   ("达成协议的制作《人民调解协议书》，未达成的告知其他解决途径（结果）", "An agreement is written down; otherwise you are told the other ways open"),
   ("回访并督促履行，当事人可申请司法确认（回访）", "Follow-up visit; the parties may ask a court to confirm the agreement")],
  15, 30, t("不收费（人民调解不收取任何费用）", "Free of charge (people's mediation charges nothing)"),
  t("当场向当事人发放《人民调解协议书》", "The mediation agreement is handed to the parties"),
  "2026-07-30",
  [("人民调解申请书", "Mediation application form", False)],
  accepting=t("区人民调解委员会（区司法局窗口受理）", "District People's Mediation Committee (applications at the Justice Bureau window)"),
  deciding=t("区人民调解委员会", "District People's Mediation Committee"),
  prohibitions=t("调解应遵循自愿、平等原则，不得强迫当事人接受调解或调解协议。", "Mediation is voluntary; no party may be forced to mediate or to accept an agreement."),
  remedy=t("人民调解不作出行政决定。未达成协议或对协议履行有争议的，可依法提起诉讼；当事人可自调解协议生效之日起30日内共同向人民法院申请司法确认。",
           "Mediation makes no administrative decision. Without an agreement, or if it is not honoured, you may sue; "
           "the parties may jointly ask the court to confirm the agreement within 30 days."),
  prog=progress("0752-2816105", extra="调解期限一般为受理之日起30日内。", extra_en="Mediation is normally concluded within 30 days."))

G("justice", 3, t("基层法律服务工作者执业核准（初审）", "Practice approval for grassroots legal service workers (first review)"),
  "administrative_license", False,
  t("《基层法律服务工作者管理办法》（司法部令第138号）", "Measures for Grassroots Legal Service Workers (Ministry of Justice Order No. 138)"),
  t("拥护宪法；具有高等学校法律专业本科以上学历，或其他专业本科以上学历并具有法律专业知识；品行良好；身体健康；在基层法律服务所实习满一年。",
    "Supports the Constitution; a law degree, or another bachelor's degree with legal knowledge; good character; good health; one year of practice at a legal service office."),
  [M("基层法律服务工作者执业核准申请表", "Practice approval application form", "original", "window"),
   ID(form="original_and_copy"),
   M("学历证书", "Diploma", "original_and_copy", "school"),
   M("实习鉴定材料", "Practice assessment", "original", t("实习的基层法律服务所出具", "Issued by the legal service office where you practised")),
   M("拟执业基层法律服务所同意接收证明", "Letter of acceptance from the legal service office", "original", t("基层法律服务所出具", "Issued by the legal service office")),
   M("体检证明", "Health examination certificate", "original", "hospital",
     note=t("县级以上医疗机构出具", "From a county-level or higher hospital")),
   M("无犯罪记录证明", "Certificate of no criminal record", "original", "ps")],
  [("区司法局窗口受理（受理）", "Acceptance at window 5"),
   ("区司法局审查并出具审查意见（初审）", "The District Justice Bureau reviews and gives its opinion"),
   ("报市司法局核准（决定）", "Sent to the City Justice Bureau for approval (decision)"),
   ("核准的颁发《基层法律服务工作者执业证》（送达）", "If approved, the practising certificate is issued")],
  25, 40, NOFEE, D_PICK_POST, "2026-11-12",
  [("基层法律服务工作者执业核准申请表", "Practice approval application form", False)],
  deciding=t("市司法局", "City Justice Bureau"),
  prohibitions=t("因故意犯罪受过刑事处罚、被开除公职或被吊销律师、公证员执业证书的，不予核准。",
                 "Not approved for persons convicted of an intentional crime, dismissed from public office, or whose lawyer or notary licence was revoked."),
  remedy=remedies("市人民政府", "City People's Government"),
  result_sample=t("《基层法律服务工作者执业证》", "Grassroots legal service worker's practising certificate"))

# ==========================================================================
# 就业局 (w06)
G("employment", 1, t("失业登记", "Unemployment registration"),
  "public_service", True,
  t("《中华人民共和国就业促进法》；《失业保险条例》第十六条；《就业服务与就业管理规定》第六章",
    "Employment Promotion Law; Regulations on Unemployment Insurance, Art. 16; Provisions on Employment Services and Management, Chapter 6"),
  t("法定劳动年龄内、有劳动能力和就业要求、处于无业状态的城乡劳动者，可在常住地（户籍地、经常居住地或参保地）办理。",
    "Workers of working age who can and want to work and have no job; register where you usually live (hukou, residence or insurance place)."),
  [M("居民身份证或社会保障卡", "Identity card or social security card", "original", "ps"),
   M("失业登记表", "Unemployment registration form", "original", "window",
     note=t("网上办理的在线填写", "Filled in online when applying online")),
   M("终止或解除劳动关系证明", "Proof of termination of employment", "original", "employer", False,
     note=t("有就业经历的提供；可通过参保记录核查的免交", "If you had a job; not needed if your insurance record shows it")),
   M("居住证", "Residence permit", "copy", "ps", False,
     note=t("非本区户籍、在常住地登记的提供", "Only for non-district hukou registering at their residence"))],
  [("现场或网上提出申请（受理）", "Apply at window 6 or online (acceptance)"),
   ("核验身份、就业和参保状态（审核）", "Identity, employment and insurance status are checked"),
   ("当场登记，发放电子就业创业证（办结）", "Registered on the spot; electronic Employment and Entrepreneurship Certificate issued"),
   ("提供职业指导、岗位推荐和培训信息（后续服务）", "Career guidance, job referrals and training information follow")],
  0, 0, NOFEE, D_SPOT, "2026-06-11",
  [("失业登记表", "Unemployment registration form", False),
   ("失业登记表（填写示范）", "Unemployment registration form (filled-in sample)", True)])

G("employment", 2, t("就业创业证申领", "Employment and Entrepreneurship Certificate"),
  "public_service", True,
  t("《就业服务与就业管理规定》（劳动和社会保障部令第28号）；《人力资源社会保障部关于进一步完善就业失业登记管理办法的通知》（人社部发〔2014〕97号）",
    "Provisions on Employment Services and Management (MOLSS Order No. 28); MOHRSS notice on improving employment and unemployment registration (2014 No. 97)"),
  t("法定劳动年龄内已办理就业登记或失业登记的劳动者；毕业年度内的高校毕业生可申领，用于享受创业扶持政策。",
    "Workers of working age with an employment or unemployment registration; graduates in their graduation year may apply to use start-up support."),
  [ID(),
   M("就业创业证申领表", "Certificate application form", "original", "window"),
   M("近期一寸免冠照片", "Recent 1-inch ID photo", "original", "photo", False,
     note=t("申领纸质证时提供，电子证无需照片", "Only for a paper certificate")),
   M("学生证或学校出具的在读证明", "Student card or proof of enrolment", "original", "school", False,
     note=t("毕业年度高校毕业生提供", "For graduates in their graduation year"))],
  [("窗口或网上提交申请（受理）", "Apply at window 6 or online"),
   ("核验就业、失业登记信息（审核）", "Registration records are checked"),
   ("生成电子证或制作纸质证（制证）", "Electronic certificate generated or paper one printed"),
   ("当场发放（送达）", "Handed over on the spot")],
  0, 0, NOFEE, D_SPOT, "2026-07-15",
  [("就业创业证申领表", "Certificate application form", False)])

G("employment", 3, t("创业担保贷款申请（资格审核）", "Start-up guaranteed loan (eligibility review)"),
  "administrative_payment", False,
  t("《财政部 人力资源社会保障部 中国人民银行关于进一步做好创业担保贷款财政贴息工作的通知》（财金〔2020〕21号）",
    "Notice of MOF, MOHRSS and PBOC on interest subsidies for start-up guaranteed loans (Cai Jin [2020] No. 21)"),
  t("城镇登记失业人员、就业困难人员、退役军人、刑满释放人员、高校毕业生、返乡创业农民工等在本区创业的；个人贷款最高20万元，期限不超过3年；"
    "除助学、住房、购车贷款和5万元以下小额消费贷款外，本人及配偶无其他贷款。",
    "Registered unemployed, people with employment difficulties, veterans, released prisoners, graduates, returning migrant workers and others starting a business here; "
    "up to 200,000 yuan for up to 3 years; no other loans for you or your spouse except student, housing, car or small consumer loans under 50,000 yuan."),
  [M("创业担保贷款申请表", "Start-up loan application form", "original", "window"),
   M("居民身份证和户口簿或居住证", "Identity card and household register or residence permit", "copy", "ps"),
   M("就业创业证或相应身份证明（退役证、毕业证等）", "Employment and Entrepreneurship Certificate or equivalent proof (discharge or graduation certificate)", "copy", "self"),
   M("营业执照", "Business licence", "copy", "amr"),
   M("创业项目计划书", "Business plan", "original", "self"),
   M("婚姻状况证明（结婚证或单身声明）", "Proof of marital status (marriage certificate or declaration of single status)", "copy", "civil")],
  [("向6号窗口提交申请（受理）", "Apply at window 6 (acceptance)"),
   ("区就业局审核申请人资格（资格审核）", "The bureau reviews your eligibility"),
   ("担保机构审核并出具担保意见（担保）", "The guarantee agency reviews and agrees to guarantee"),
   ("经办银行审贷、签订借款合同并放款（放款）", "The bank approves, signs the contract and pays out"),
   ("财政按规定贴息（贴息）", "Interest is subsidised by the government")],
  5, 10, t("不收费（资格审核和担保不收取费用）", "Free of charge (no fee for eligibility review or guarantee)"),
  t("资格审核结果书面告知，贷款由经办银行发放至本人账户", "Written notice of eligibility; the bank pays the loan into your account"),
  "2026-10-20",
  [("创业担保贷款申请表", "Start-up loan application form", False),
   ("创业项目计划书（示范文本）", "Business plan (sample)", True)],
  deciding=t("区就业局（资格审核）、经办银行（贷款审批）", "District Employment Bureau (eligibility), lending bank (loan)"),
  intermediary=t("无，不得委托或指定任何中介代办", "None; no agent is needed or designated"))

# ==========================================================================
# 残疾人联合会 (w07)
G("disabled", 1, t("残疾人证办理（首次申领）", "Disability certificate (first application)"),
  "public_service", False,
  t("《中华人民共和国残疾人保障法》；《中华人民共和国残疾人证管理办法》；《残疾人残疾分类和分级》（GB/T 26341-2010）",
    "Law on the Protection of Persons with Disabilities; Measures on the Disability Certificate; Classification and Grading of Disabilities (GB/T 26341-2010)"),
  t("户籍在本区，符合残疾分类和分级标准的视力、听力、言语、肢体、智力、精神及多重残疾人。",
    "Residents with district hukou who have a visual, hearing, speech, physical, intellectual, mental or multiple disability meeting the national standard."),
  [M("居民身份证或户口簿", "Identity card or household register", "original_and_copy", "ps"),
   M("近期二寸白底免冠彩色照片", "Recent 2-inch colour photo, white background", "original", "photo", n=3),
   M("残疾人证申请表", "Disability certificate application form", "original", "window"),
   M("病历、诊断证明等残疾评定资料", "Medical records and diagnoses for the assessment", "original_and_copy", "hospital",
     note=t("精神、智力残疾须提供相关病历", "Required for mental or intellectual disability")),
   M("监护人或代办人身份证", "Guardian's or agent's identity card", "original", "agent", False,
     note=t("本人行动不便或为未成年人时提供", "If you cannot come yourself or are a minor"))],
  [("窗口提交申请（受理）", "Apply at window 7 (acceptance)"),
   ("审核材料并开具残疾评定通知（审核）", "Documents checked; you receive a referral for assessment"),
   ("到指定评定机构进行残疾评定（评定）", "Assessment at the designated hospital"),
   ("审核评定结果，符合条件的制作残疾人证（决定）", "The result is reviewed and the certificate made"),
   ("窗口领取或邮寄送达（送达）", "Collect at the window or by post")],
  10, 20, t("不收费（评定费用由财政承担）", "Free of charge (the assessment is paid by the government)"), D_PICK_POST, "2026-08-14",
  [("残疾人证申请表", "Disability certificate application form", False),
   ("残疾人证申请表（填写示范）", "Disability certificate application form (filled-in sample)", True)],
  remedy=t("对残疾评定结论有异议的，可向区残联申请复评，由区残联指定其他评定机构重新评定；对办理过程有意见的，可向区残联或12345热线反映。",
           "If you disagree with the assessment, ask the District Federation for a re-assessment by another designated body; complaints about handling go to the Federation or the 12345 hotline."),
  result_sample=t("《中华人民共和国残疾人证》（第二代）", "Disability certificate of the PRC (second generation)"))

G("disabled", 2, t("残疾人两项补贴申请（困难残疾人生活补贴、重度残疾人护理补贴）", "Disability allowances (living allowance and care allowance)"),
  "administrative_payment", False,
  t("《国务院关于全面建立困难残疾人生活补贴和重度残疾人护理补贴制度的意见》（国发〔2015〕52号）",
    "State Council Opinion on living allowances for needy disabled persons and care allowances for severely disabled persons (Guo Fa [2015] No. 52)"),
  t("生活补贴：持第二代残疾人证且纳入最低生活保障的残疾人；护理补贴：持证、残疾等级为一级或二级且需长期照护的重度残疾人。",
    "Living allowance: holders of the second-generation certificate who receive minimum living support. Care allowance: holders with grade 1 or 2 disability needing long-term care."),
  [M("残疾人两项补贴申请审批表", "Disability allowance application form", "original", "window"),
   M("第二代残疾人证", "Second-generation disability certificate", "original_and_copy", "dpf"),
   M("居民身份证或户口簿", "Identity card or household register", "copy", "ps"),
   M("最低生活保障证明", "Proof of minimum living support", "copy", "civil", False,
     note=t("申请生活补贴时提供，可共享核查的免交", "For the living allowance; not needed if verifiable online")),
   M("本人社会保障卡或银行账户", "Social security card or bank account", "copy", "bank"),
   AGENT()],
  [("窗口或网上提出申请（受理）", "Apply at window 7 or online (acceptance)"),
   ("区残联审核残疾类别和等级（审核）", "The Federation checks disability type and grade"),
   ("区民政局审定（决定）", "The District Civil Affairs Bureau approves (decision)"),
   ("按月发放至本人账户（发放）", "Paid monthly into your account")],
  15, 20, NOFEE, t("审定结果书面告知，补贴按月发放", "Written notice; monthly payments"), "2026-09-09",
  [("残疾人两项补贴申请审批表", "Disability allowance application form", False)],
  deciding=t("区民政局（审定），区残疾人联合会（审核）", "District Civil Affairs Bureau (approval), District Disabled Persons' Federation (review)"),
  remedy=remedies())

G("disabled", 3, t("残疾儿童康复救助申请", "Rehabilitation assistance for disabled children"),
  "administrative_payment", False,
  t("《国务院关于建立残疾儿童康复救助制度的意见》（国发〔2018〕20号）",
    "State Council Opinion on establishing rehabilitation assistance for disabled children (Guo Fa [2018] No. 20)"),
  t("户籍或居住证在本区、0至6岁的视力、听力、言语、肢体、智力残疾儿童和孤独症儿童；救助内容包括手术、辅助器具适配和康复训练。",
    "Children aged 0–6 with hukou or a residence permit in the district who have a visual, hearing, speech, physical or intellectual disability or autism; covers surgery, assistive devices and training."),
  [M("残疾儿童康复救助申请审批表", "Rehabilitation assistance application form", "original", "window"),
   M("儿童户口簿或居住证", "Child's household register or residence permit", "copy", "ps"),
   M("监护人居民身份证", "Guardian's identity card", "copy", "ps"),
   M("残疾人证或医疗机构诊断证明", "Disability certificate or hospital diagnosis", "copy", "hospital",
     note=t("诊断证明须由二级以上医疗机构出具", "The diagnosis must come from a grade-2 or higher hospital")),
   M("最低生活保障或特困供养证明", "Proof of minimum living support or extreme-poverty support", "copy", "civil", False,
     note=t("用于确定救助标准", "Used to set the level of assistance"))],
  [("监护人窗口提交申请（受理）", "The guardian applies at window 7"),
   ("区残联审核（审核）", "The Federation reviews"),
   ("确定救助对象，选择定点康复机构（决定）", "The child is approved and a designated rehabilitation centre chosen"),
   ("康复机构提供服务，费用按标准直接结算（实施）", "The centre treats the child; costs are settled directly")],
  10, 15, NOFEE, t("书面告知救助结果，费用由定点机构直接结算", "Written notice; the centre bills the programme directly"), "2026-06-30",
  [("残疾儿童康复救助申请审批表", "Rehabilitation assistance application form", False),
   ("申请审批表（示范文本）", "Application form (sample)", True)])

# ==========================================================================
# 国家税务局 (w08)
TAX_STATE_REMEDY = remedies_tax("市国家税务局", "City State Taxation Bureau")
G("state_tax", 1, t("增值税发票领用", "Obtaining VAT invoices"),
  "other_power", True,
  t("《中华人民共和国发票管理办法》第十五条；《中华人民共和国发票管理办法实施细则》", "Measures of the PRC on Invoices, Art. 15, and their Detailed Rules"),
  t("已办理税务登记（信息确认）并完成发票票种核定的纳税人。", "Taxpayers registered with the tax authority whose invoice types have been approved."),
  [M("加载统一社会信用代码的营业执照", "Business licence with the unified social credit code", "original", "amr"),
   M("经办人居民身份证", "Handling person's identity card", "original", "ps"),
   M("发票专用章印模", "Impression of the invoice seal", "original", "self",
     note=t("首次领用时提供", "At the first application")),
   M("税务UKey", "Tax UKey", "original", "tax",
     note=t("首次领用时由税务机关免费发放", "Issued free at the first application")),
   M("办税授权委托书", "Tax authorisation letter", "original", "self", False,
     note=t("非法定代表人办理时提供", "If the person handling is not the legal representative"))],
  [("取号后在8号窗口或电子税务局提交领用申请（受理）", "Apply at window 8 or on the e-tax bureau (acceptance)"),
   ("核验身份、票种核定和风险情况（审核）", "Identity, invoice types and risk status are checked"),
   ("发售发票或下发数电发票额度（办理）", "Invoices are issued or the digital invoice quota granted"),
   ("当场领取（送达）", "Collected on the spot")],
  0, 0, t("不收费（发票工本费已停征，税务UKey免费发放）", "Free of charge (no invoice fee; the UKey is free)"), D_SPOT, "2026-11-18",
  [("发票领用申请表", "Invoice application form", False)],
  remedy=TAX_STATE_REMEDY)

G("state_tax", 2, t("个人所得税综合所得年度汇算咨询", "Individual income tax annual reconciliation: advice"),
  "public_service", True,
  t("《中华人民共和国个人所得税法》第二条、第十条、第十一条；《国家税务总局关于办理2025年度个人所得税综合所得汇算清缴事项的公告》",
    "Individual Income Tax Law, Arts. 2, 10 and 11; STA announcement on the 2025 annual reconciliation of comprehensive income"),
  t("取得工资薪金、劳务报酬、稿酬、特许权使用费等综合所得的居民个人；汇算期为次年3月1日至6月30日，其他时间也可咨询。",
    "Residents with wages, service fees, author's fees or royalties; the reconciliation runs 1 March–30 June of the next year, advice is available all year."),
  [ID(),
   M("个人所得税App登录手机", "Phone with the IIT app logged in", "electronic", "self",
     note=t("用于现场辅导操作", "For step-by-step help at the window")),
   M("专项附加扣除资料（子女教育、住房贷款利息、赡养老人等）", "Special deduction documents (children's education, mortgage interest, elderly support)", "copy", "self", False),
   M("收入纳税明细", "Income and tax details", "electronic", t("个人所得税App下载", "Downloaded from the IIT app"), False),
   AGENT()],
  [("取号咨询（受理）", "Take a ticket for advice"),
   ("核对收入和已扣缴税款明细（核对）", "Your income and withheld tax are checked with you"),
   ("辅导填报申报表和专项附加扣除（辅导）", "You are helped to fill in the return and deductions"),
   ("提交申报，退税的确认账户，补税的辅导缴款（办结）", "You file; refunds go to your account, balances are paid")],
  0, 0, NOFEE, t("当场答复，申报结果可在个人所得税App查看", "Answered on the spot; results in the IIT app"), "2026-06-05",
  [("个人所得税年度自行纳税申报表（A表）", "Annual IIT return (form A)", False),
   ("年度汇算申报表（填写示范）", "Annual return (filled-in sample)", True)],
  remedy=t("本事项为咨询辅导服务，不作出行政决定；对后续税务处理决定不服的，可依法申请行政复议（向市国家税务局）或提起行政诉讼。",
           "Advice only, no administrative decision. A later tax decision may be contested by reconsideration (City State Taxation Bureau) or lawsuit."),
  prog=progress("0752-2816108", True, "退税进度可在个人所得税App“申报查询”中查看。", "Refund progress is shown in the IIT app."))

G("state_tax", 3, t("增值税一般纳税人登记", "VAT general taxpayer registration"),
  "other_power", True,
  t("《中华人民共和国增值税法》；《增值税一般纳税人登记管理办法》（国家税务总局令第43号）",
    "VAT Law of the PRC; Measures for the Registration of VAT General Taxpayers (STA Order No. 43)"),
  t("年应税销售额超过500万元的纳税人应当登记；未超过但会计核算健全、能够提供准确税务资料的，也可申请登记。",
    "Required above 5 million yuan annual taxable sales; smaller taxpayers with sound accounts may also register."),
  [M("增值税一般纳税人登记表", "VAT general taxpayer registration form", "original", "window"),
   M("加载统一社会信用代码的营业执照", "Business licence with the unified social credit code", "original", "amr"),
   M("经办人居民身份证", "Handling person's identity card", "original", "ps"),
   M("专职会计人员证明或代理记账协议", "Proof of an accountant or bookkeeping contract", "copy", "self", False,
     note=t("未达标准自愿登记的提供", "For voluntary registration below the threshold"))],
  [("窗口或电子税务局提交登记表（受理）", "Submit the form at window 8 or online"),
   ("核对登记表与税务登记信息（审核）", "The form is checked against the tax registration"),
   ("信息一致的当场登记，不一致的当场告知（办结）", "Registered on the spot if consistent; otherwise told at once")],
  0, 0, NOFEE, D_SPOT, "2026-09-28",
  [("增值税一般纳税人登记表", "VAT general taxpayer registration form", False)],
  prohibitions=t("登记为一般纳税人后，除国家税务总局另有规定外，不得转为小规模纳税人。",
                 "Once registered, a general taxpayer cannot return to small-scale status unless the STA provides otherwise."),
  result_sample=t("《增值税一般纳税人登记表》（税务机关确认）", "Registration form confirmed by the tax office"),
  remedy=TAX_STATE_REMEDY)

# ==========================================================================
# 地方税务局 (w09)
TAX_LOCAL_REMEDY = remedies_tax("市地方税务局", "City Local Taxation Bureau")
G("local_tax", 1, t("契税申报", "Deed tax return"),
  "other_power", True,
  t("《中华人民共和国契税法》第三条、第九条、第十条；《财政部 税务总局 住房城乡建设部关于促进房地产市场平稳健康发展有关税收政策的公告》（2024年第16号）",
    "Deed Tax Law, Arts. 3, 9 and 10; MOF/STA/MOHURD Announcement 2024 No. 16 on tax policies for the housing market"),
  t("在境内承受土地、房屋权属的单位和个人，应在办理不动产权属登记前申报缴纳；个人购买家庭唯一住房或第二套住房，面积140平方米及以下的减按1%征收。",
    "Anyone acquiring land or housing must file and pay before title registration; individuals buying their only or second home of 140 m² or less pay a reduced 1%."),
  [M("房屋买卖合同（或赠与、交换合同）", "Purchase contract (or gift or exchange contract)", "copy", t("不动产交易机构备案", "Filed with the property transaction office")),
   M("购房发票或交易价格证明", "Purchase invoice or proof of price", "copy", t("开发企业或卖方开具", "Issued by the developer or seller")),
   M("承受方居民身份证", "Buyer's identity card", "original", "ps"),
   M("家庭住房情况查询结果或书面承诺", "Family housing record or written declaration", "original", t("住房城乡建设部门出具或申请人承诺", "From the housing authority, or your own declaration"), False,
     note=t("申请享受住房优惠税率时提供", "To claim the reduced rate")),
   M("结婚证或户口簿", "Marriage certificate or household register", "copy", "civil", False,
     note=t("以家庭为单位认定住房套数时提供", "When homes are counted per family")),
   AGENT()],
  [("在9号窗口或不动产登记“一窗受理”提交申报资料（受理）", "File at window 9 or the joint property window (acceptance)"),
   ("核定计税价格和适用税率（审核）", "Taxable price and rate are set"),
   ("缴纳税款（银行卡或扫码）（缴税）", "Pay by card or QR code"),
   ("开具完税凭证，信息推送不动产登记机构（办结）", "Tax receipt issued and passed to the registry")],
  0, 0, t("不收费（契税按核定税率缴纳）", "No service fee (the tax itself is due at the set rate)"), D_SPOT, "2026-10-16",
  [("契税纳税申报表", "Deed tax return form", False),
   ("契税申报表（填写示范）", "Deed tax return (filled-in sample)", True)],
  remedy=TAX_LOCAL_REMEDY)

G("local_tax", 2, t("房产税申报", "Property tax return"),
  "other_power", True,
  t("《中华人民共和国房产税暂行条例》", "Interim Regulations of the PRC on Property Tax"),
  t("在城市、县城、建制镇和工矿区内拥有房屋产权的单位和个人（个人所有非营业用房产免税）；从价计征按房产原值减除规定比例后的余值1.2%，"
    "从租计征按租金收入12%（个人出租住房4%）；按年计算、分期缴纳。",
    "Owners of buildings in cities, towns and industrial areas (private non-business homes are exempt). 1.2% of the depreciated value, "
    "or 12% of rent (4% for homes let by individuals); assessed yearly, paid in instalments."),
  [M("房产税纳税申报表（从价或从租计征）", "Property tax return (value or rent based)", "original", "window"),
   M("不动产权证书", "Real estate title certificate", "copy", "realestate"),
   M("房屋原值证明（购房发票或工程结算资料）", "Proof of original value (purchase invoice or construction accounts)", "copy", "self"),
   M("房屋租赁合同", "Lease contract", "copy", "self", False,
     note=t("出租房产从租计征时提供", "For rent-based tax")),
   M("经办人居民身份证", "Handling person's identity card", "original", "ps")],
  [("填报申报表（受理）", "Fill in the return at window 9 or online"),
   ("审核房产原值或租金收入（审核）", "Original value or rent is checked"),
   ("计算应纳税额并缴款（缴税）", "Tax is calculated and paid"),
   ("开具完税凭证（办结）", "Tax receipt issued")],
  0, 0, t("不收费（房产税按规定税率缴纳）", "No service fee (the tax itself is due)"), D_SPOT, "2026-07-03",
  [("房产税纳税申报表", "Property tax return form", False)],
  remedy=TAX_LOCAL_REMEDY)

G("local_tax", 3, t("灵活就业人员社会保险费申报缴纳", "Social insurance contributions for the self-employed and flexibly employed"),
  "other_power", True,
  t("《中华人民共和国社会保险法》第十条、第二十三条；《社会保险费征缴暂行条例》",
    "Social Insurance Law, Arts. 10 and 23; Interim Regulations on the Collection of Social Insurance Contributions"),
  t("无雇工的个体工商户、未在用人单位参保的非全日制从业人员及其他灵活就业人员，已在社保经办机构完成参保登记。",
    "Sole traders without employees, part-time and other flexibly employed workers not insured through an employer, already enrolled with the social insurance agency."),
  [M("居民身份证或社会保障卡", "Identity card or social security card", "original", "ps"),
   M("社会保险费缴费申报表", "Contribution declaration form", "original", "window"),
   M("银行委托扣款协议", "Bank direct-debit agreement", "original", "bank",
     note=t("签订后可按月自动扣缴", "Lets contributions be debited monthly")),
   M("居住证", "Residence permit", "copy", "ps", False,
     note=t("非本省户籍在本区参保的提供", "For non-provincial hukou insured here"))],
  [("核实参保登记信息（受理）", "Your enrolment is checked"),
   ("选择缴费基数档次（申报）", "You choose your contribution base"),
   ("签订扣款协议或当场缴费（缴费）", "Sign the direct debit or pay on the spot"),
   ("打印缴费凭证（办结）", "Payment receipt printed")],
  0, 0, t("不收费（社会保险费按选定基数和费率缴纳）", "No service fee (contributions at the chosen base and rate)"), D_SPOT, "2026-08-27",
  [("社会保险费缴费申报表", "Contribution declaration form", False),
   ("银行委托扣款协议（示范文本）", "Direct-debit agreement (sample)", True)],
  remedy=TAX_LOCAL_REMEDY)

# ==========================================================================
# 公安分局 (w10)
GA_HOURS = t("周一至周五 9:00-12:00, 13:30-17:30；周六 9:00-12:00 加开身份证业务（法定节假日除外）",
             "Mon–Fri 9:00–12:00, 13:30–17:30; ID cards also Sat 9:00–12:00 (except public holidays)")
G("public_security", 1, t("居民身份证换领", "Renewal of the resident identity card"),
  "public_service", False,
  t("《中华人民共和国居民身份证法》第八条、第十一条、第二十条", "Resident Identity Card Law of the PRC, Arts. 8, 11 and 20"),
  t("居民身份证有效期满、姓名变更或证件严重损坏不能辨认的，应当换领；有效期满前3个月可申请；跨省异地可在居住地换领。",
    "Renew when the card expires, your name changes or it is too damaged to read; apply up to 3 months before expiry; renewal is possible where you live, even in another province."),
  [M("原居民身份证", "Current identity card", "original", "ps"),
   M("居民户口簿", "Household register", "original", "ps", False,
     note=t("户籍信息有变更时提供", "If your registered details have changed")),
   M("数码照片", "Digital photo", "electronic", "photo",
     note=t("在照相馆拍摄的须提供公安机关认可的照片回执", "Studio photos need a police-recognised photo receipt")),
   M("监护人居民身份证", "Guardian's identity card", "original", "ps", False,
     note=t("未满16周岁的由监护人陪同", "Under-16s come with a guardian"))],
  [("取号后向10号窗口提交申请（受理）", "Take a ticket and apply at window 10 (acceptance)"),
   ("核验户籍信息，采集照片和指纹（审核）", "Registration checked; photo and fingerprints taken"),
   ("缴纳工本费，领取《居民身份证领取凭证》（缴费）", "Pay the fee; receive the collection slip"),
   ("制证签发（决定）", "Card produced and issued"),
   ("凭领取凭证到窗口领证或选择邮寄（送达）", "Collect with the slip, or choose postal delivery")],
  20, 60, t("换领工本费20元；丢失补领或损坏换领工本费40元；临时居民身份证10元",
            "Renewal fee 20 yuan; replacement of a lost or damaged card 40 yuan; temporary ID card 10 yuan"),
  t("凭领取凭证窗口领取，或选择邮寄送达", "Collect with the slip, or by post"), "2026-11-20",
  [("居民身份证申领登记表", "ID card application form", False)],
  fee_basis=t("《国家发展改革委 财政部关于居民身份证收费标准及有关问题的通知》（发改价格〔2003〕2322号）",
              "NDRC/MOF notice on identity card fees (Fa Gai Jia Ge [2003] No. 2322)"),
  result_sample=t("中华人民共和国居民身份证", "Resident identity card of the PRC"),
  hours=GA_HOURS,
  prog=progress("0752-2816110", extra="制证进度也可通过“公安政务服务”平台查询。", extra_en="Progress is also shown on the police online service platform."))

G("public_security", 2, t("户口迁移（市外迁入）", "Hukou transfer into the city"),
  "administrative_license", False,
  t("《中华人民共和国户口登记条例》第十条、第十三条；本市户籍迁入管理规定",
    "Regulations on Household Registration, Arts. 10 and 13; the city's rules on hukou transfer"),
  t("符合本市户籍迁入政策（投靠直系亲属、人才引进、积分入户、购房入户等）；跨省迁移实行“一站式”办理，在迁入地直接申请，无需回迁出地开具准迁证明。",
    "Meets the city's hukou rules (joining close relatives, talent, points, home purchase). Cross-province moves are one-stop: apply here, no need to return to your old place for a permit."),
  [M("户口迁移申请表", "Hukou transfer application form", "original", "window"),
   M("申请人居民身份证和户口簿", "Applicant's identity card and household register", "original", "ps"),
   M("迁入地户主户口簿及同意入户声明", "Host household register and the head's consent", "original", "self",
     note=t("投靠亲属入户时提供", "When joining relatives")),
   M("亲属关系证明（结婚证、出生医学证明等）", "Proof of relationship (marriage or birth certificate)", "original_and_copy", "civil", False,
     note=t("投靠亲属入户时提供", "When joining relatives")),
   M("学历证书或职业资格证书", "Diploma or professional qualification", "original_and_copy", "school", False,
     note=t("人才引进入户时提供", "For talent transfers")),
   M("合法稳定住所证明（不动产权证书或租赁备案证明）", "Proof of stable residence (title or registered lease)", "copy", "realestate")],
  [("窗口受理（受理）", "Acceptance at window 10"),
   ("核查入户条件和迁出地户籍信息（审核）", "Eligibility and your old registration are checked"),
   ("作出准予迁入决定，网上通知迁出地办理迁出（决定）", "Transfer approved; your old place is notified online"),
   ("办理落户，签发新户口簿（办结）", "You are registered and get the new household register"),
   ("窗口领取（送达）", "Collect at the window")],
  10, 20, NOFEE, t("窗口领取新户口簿", "Collect the new household register at the window"), "2026-10-02",
  [("户口迁移申请表", "Hukou transfer application form", False),
   ("同意入户声明（示范文本）", "Consent to join the household (sample)", True)])

G("public_security", 3, t("居住证申领", "Residence permit application"),
  "public_service", False,
  t("《居住证暂行条例》第二条、第九条、第十四条", "Interim Regulations on Residence Permits, Arts. 2, 9 and 14"),
  t("离开常住户口所在地到本区居住半年以上并已办理居住登记，且有合法稳定就业、合法稳定住所或连续就读条件之一。",
    "You have lived in the district for at least six months away from your hukou, have registered your residence, and have stable work, a stable home or study here."),
  [ID(),
   M("居住证申领登记表", "Residence permit application form", "original", "window"),
   M("本人近期数码照片", "Recent digital photo", "electronic", "photo"),
   M("居住地住址证明（租赁合同、房产证明或单位宿舍证明）", "Proof of address (lease, title or employer dormitory letter)", "copy", "self"),
   M("就业或就读证明（劳动合同、营业执照或学校证明）", "Proof of work or study (contract, business licence or school letter)", "copy", "self", False,
     note=t("以就业或就读条件申领的提供", "If applying on work or study grounds"))],
  [("窗口或网上提交申请（受理）", "Apply at window 10 or online"),
   ("核查居住登记记录和证明材料（审核）", "Residence registration and documents are checked"),
   ("自受理之日起15日内制证（制证）", "The permit is made within 15 days"),
   ("窗口领取或邮寄送达（送达）", "Collect at the window or by post")],
  10, 15, t("首次申领不收费；换领、补领每证工本费20元", "First permit free; renewal or replacement 20 yuan"),
  D_PICK_POST, "2026-09-19",
  [("居住证申领登记表", "Residence permit application form", False)],
  fee_basis=t("《居住证暂行条例》第十四条；省价格主管部门核定的收费标准", "Interim Regulations on Residence Permits, Art. 14; provincial price authority tariff"),
  result_sample=t("居住证", "Residence permit"))

G("public_security", 4, t("无犯罪记录证明开具", "Certificate of no criminal record"),
  "public_service", False,
  t("《公安部关于印发〈关于做好无犯罪记录证明开具工作的意见〉的通知》（公通字〔2021〕19号）",
    "Ministry of Public Security notice on issuing certificates of no criminal record (Gong Tong Zi [2021] No. 19)"),
  t("户籍或居住在本区的中国公民，因就业、出国、收养等需要，可申请开具本人在中国境内有无犯罪记录的证明；可委托他人代办。",
    "Chinese citizens registered or living in the district who need it for work, travel abroad, adoption and the like; an agent may apply for you."),
  [ID(),
   M("无犯罪记录证明申请表", "Application form", "original", "window"),
   AGENT()],
  [("窗口或网上提出申请（受理）", "Apply at window 10 or online"),
   ("查询核实违法犯罪记录（审核）", "Records are searched and checked"),
   ("能当场出具的当场出具，否则3个工作日内出具（决定）", "Issued at once where possible, otherwise within 3 working days"),
   ("窗口领取或网上下载电子证明（送达）", "Collect at the window or download the e-certificate")],
  1, 3, NOFEE, t("窗口领取纸质证明或网上下载电子证明", "Paper certificate at the window or electronic download"), "2026-08-09",
  [("无犯罪记录证明申请表", "Application form", False),
   ("申请表（填写示范）", "Application form (filled-in sample)", True)],
  result_sample=t("《无犯罪记录证明》", "Certificate of no criminal record"))

# ==========================================================================
# 环境保护分局 (w11)
G("environment", 1, t("建设项目环境影响报告表审批", "Approval of a construction project's environmental impact report form"),
  "administrative_license", False,
  t("《中华人民共和国环境影响评价法》第十六条、第十九条、第二十二条；《建设项目环境保护管理条例》第九条；《建设项目环境影响评价分类管理名录》",
    "Environmental Impact Assessment Law, Arts. 16, 19 and 22; Regulations on Environmental Protection of Construction Projects, Art. 9; EIA classification list"),
  t("按分类管理名录应当编制环境影响报告表、审批权限在本局的建设项目；项目符合生态环境分区管控要求和国家产业政策。",
    "Projects that need an EIA report form under the classification list and fall under this sub-bureau; the project fits zoning controls and industrial policy."),
  [M("建设项目环境影响报告表审批申请", "Application for approval of the EIA report form", "original", "window"),
   M("环境影响报告表（报批稿）", "EIA report form (version for approval)", "original", "self", n=2),
   M("环境影响报告表电子文本", "Electronic copy of the EIA report form", "electronic", "self"),
   M("删除涉密和商业秘密内容的公开说明", "Statement on confidential content removed from the public version", "original", "self", False,
     note=t("报告表含国家秘密或商业秘密时提供", "If the report contains state or trade secrets")),
   M("营业执照或事业单位法人证书", "Business licence or public institution certificate", "copy", "amr"),
   M("项目备案或核准文件", "Project filing or approval document", "copy", t("发展改革部门出具", "Issued by the development and reform authority"))],
  [("窗口受理并公开受理信息（受理）", "Acceptance at window 11; acceptance made public"),
   ("组织技术评估（必要时）（评估）", "Technical assessment if needed"),
   ("审查并公示拟审批意见（审查）", "Review; draft decision published for comment"),
   ("作出审批决定并公开（决定）", "Decision made and published"),
   ("送达批复文件（送达）", "Approval letter delivered")],
  15, 30, t("不收费（技术评估费用由审批部门承担）", "Free of charge (any technical assessment is paid by the authority)"),
  D_PICK_POST, "2026-11-10",
  [("建设项目环境影响报告表审批申请表", "EIA report form approval application", False),
   ("环境影响报告表格式（示范文本）", "EIA report form template (sample)", True)],
  intermediary=t("环境影响报告表由建设单位自行编制或委托技术单位编制，申请人自主选择，审批部门不指定",
                 "The developer writes the report itself or chooses a technical firm; the authority names none"),
  prohibitions=t("环境影响评价文件未经批准的，建设单位不得开工建设。", "Construction may not start before the EIA document is approved."),
  result_sample=t("《关于××项目环境影响报告表的批复》", "Approval of the EIA report form for project ××"))

G("environment", 2, t("排污许可证核发（简化管理）", "Pollutant discharge permit (simplified management)"),
  "administrative_license", False,
  t("《排污许可管理条例》（国务院令第736号）；《排污许可管理办法》；《固定污染源排污许可分类管理名录》",
    "Regulations on Pollutant Discharge Permits (State Council Decree No. 736); Measures on Pollutant Discharge Permits; classification list of fixed pollution sources"),
  t("纳入分类管理名录实行简化管理的排污单位；已依法取得建设项目环评批复或完成登记表备案；污染防治设施和排放符合标准；按规定开展自行监测。",
    "Units under simplified management in the classification list, with an approved or filed EIA, compliant pollution controls and self-monitoring."),
  [M("排污许可证申请表", "Discharge permit application", "electronic", t("全国排污许可证管理信息平台填报", "Filled in on the national discharge permit platform")),
   M("申请材料真实性承诺书", "Declaration that the materials are true", "original", t("平台下载，法定代表人签字并盖章", "Downloaded from the platform, signed and sealed")),
   M("建设项目环评批复或登记表备案回执", "EIA approval or filing receipt", "copy", "self"),
   M("排污口和监测点位设置说明", "Outfalls and monitoring points", "original", "self"),
   M("自行监测方案", "Self-monitoring plan", "electronic", "self")],
  [("在全国排污许可证管理信息平台填报并提交（申请）", "File on the national platform"),
   ("区环境保护分局受理（受理）", "Acceptance by the sub-bureau"),
   ("审查材料，必要时现场核查（审查）", "Review; on-site check if needed"),
   ("作出许可决定（决定）", "Decision"),
   ("核发排污许可证，平台公开（送达）", "Permit issued and published on the platform")],
  10, 20, NOFEE, t("平台发放电子证，纸质证书窗口领取", "E-permit on the platform; paper permit at the window"), "2026-10-23",
  [("排污许可证申请表（简化管理）", "Discharge permit application (simplified)", False)],
  deciding=t("市生态环境局（区环境保护分局承办）", "City Ecology and Environment Bureau (handled by the district sub-bureau)"),
  prohibitions=t("排污单位不得无证排污，不得违反排污许可证规定排放污染物。", "No discharge without a permit or beyond its terms."),
  remedy=remedies("市人民政府", "City People's Government"),
  result_sample=t("《排污许可证》正本、副本", "Pollutant discharge permit (original and duplicate)"))

G("environment", 3, t("建设项目环境影响登记表备案", "Filing of a construction project's environmental impact registration form"),
  "other_power", True,
  t("《中华人民共和国环境影响评价法》第十六条、第二十二条；《建设项目环境影响登记表备案管理办法》（环境保护部令第41号）",
    "EIA Law, Arts. 16 and 22; Measures for Filing EIA Registration Forms (MEP Order No. 41)"),
  t("按分类管理名录应当填报环境影响登记表的建设项目，建设单位应在项目建成投产前完成备案。",
    "Projects that only need a registration form under the list; file before the project starts operating."),
  [M("建设项目环境影响登记表", "EIA registration form", "electronic", "platform"),
   M("营业执照或法人证书扫描件", "Scan of business licence or legal person certificate", "electronic", "amr"),
   M("法定代表人居民身份证扫描件", "Scan of the legal representative's ID card", "electronic", "ps")],
  [("登录建设项目环境影响登记表备案系统填报（申请）", "Fill in the form in the online filing system"),
   ("系统校验后自动生成备案编号（备案）", "The system checks it and gives a filing number"),
   ("下载或打印备案回执（办结）", "Download or print the filing receipt")],
  0, 0, NOFEE, t("网上即时生成备案回执", "Filing receipt generated online at once"), "2026-07-11",
  [("建设项目环境影响登记表备案操作指引", "Online filing guide", False)],
  apply=("online", "on_site"),
  remedy=remedies())


# ==========================================================================
FIXES = [  # s2tw output -> mainland/HK Traditional usage of the source documents
    ("行政複議", "行政復議"), ("複議", "復議"), ("複評", "復評"), ("面籤", "面簽"), ("發佈", "發布"),
    ("佈局", "布局"), ("臺", "台"), ("汙", "污"), ("週", "周"), ("彙算", "匯算"), ("批覆", "批復"),
    ("答覆", "答復"), ("和麵積", "和面積"), ("金髮放", "金發放"), ("制證", "製證"), ("制卡", "製卡"),
    ("編制", "編製"), ("準遷", "准遷"),
]

# ==========================================================================
# Aliases (俗称 / 别名 / 关键词): the names citizens use for each guide, as a hall's
# information desk would list them. zh-Hant is converted like every other text.
R = DISTRICT + "-"
ALIASES = {
    "RS-001": (["社保卡", "社会保障卡", "办社保卡", "补办社保卡", "医保卡", "社保卡办理"],
               ["social security card", "SSC", "medical insurance card"]),
    "RS-002": (["养老保险", "城乡居民养老", "居民养老保险", "农村养老保险", "新农保", "养老参保"],
               ["pension", "pension insurance", "old-age insurance"]),
    "RS-003": (["工伤", "工伤认定", "工伤鉴定", "上班受伤"],
               ["work injury", "workplace injury", "industrial injury"]),
    "JS-001": (["准生证", "生育服务证", "生育登记", "二孩登记", "三孩登记", "生孩子登记"],
               ["birth permit", "birth registration", "having a baby"]),
    "JS-002": (["奖扶", "农村奖扶", "独生子女奖励", "计生奖励扶助"],
               ["family planning reward", "only child reward"]),
    "JS-003": (["特扶", "特别扶助", "失独", "失独家庭", "独生子女伤残"],
               ["only child lost", "family planning special assistance"]),
    "WS-001": (["诊所执业", "开诊所", "诊所登记", "医院执业登记", "医疗机构执业许可证"],
               ["clinic registration", "open a clinic", "medical practice licence"]),
    "WS-002": (["护士注册", "护士执业证", "护士证"],
               ["nurse registration", "nurse licence", "nursing licence"]),
    "WS-003": (["卫生许可证", "卫生许可", "公共场所卫生许可证"],
               ["hygiene permit", "health permit", "sanitation licence"]),
    "WT-001": (["网吧", "网吧许可证", "开网吧", "网络经营许可证"],
               ["internet cafe", "cyber cafe", "internet bar"]),
    "WT-002": (["演出许可", "演出审批", "演唱会审批", "营业性演出"],
               ["performance permit", "concert permit", "show licence"]),
    "WT-003": (["KTV", "歌舞厅", "娱乐场所", "游艺厅", "酒吧许可"],
               ["KTV", "karaoke", "entertainment licence", "nightclub"]),
    "SF-001": (["法律援助", "法援", "免费律师", "请不起律师", "免费法律服务"],
               ["legal aid", "free lawyer", "legal assistance"]),
    "SF-002": (["调解", "人民调解", "纠纷调解", "邻里纠纷", "矛盾纠纷"],
               ["mediation", "dispute", "neighbour dispute"]),
    "SF-003": (["法律服务工作者", "基层法律服务", "法律工作者执业证"],
               ["legal service worker", "legal worker licence"]),
    "JY-001": (["失业登记", "登记失业", "失业"],
               ["unemployment registration", "unemployed", "jobless"]),
    "JY-002": (["就业创业证", "失业证", "就业失业登记证", "就业证"],
               ["employment certificate", "unemployment certificate"]),
    "JY-003": (["创业贷款", "创业担保贷款", "贴息贷款", "创业贴息"],
               ["startup loan", "business loan", "start-up loan"]),
    "CL-001": (["残疾证", "残疾人证", "办残疾证", "残疾鉴定"],
               ["disability certificate", "disability card", "disabled card"]),
    "CL-002": (["残疾人补贴", "两项补贴", "生活补贴", "护理补贴", "残疾补助"],
               ["disability allowance", "disability benefit", "care allowance"]),
    "CL-003": (["残疾儿童康复", "康复救助", "儿童康复", "自闭症康复"],
               ["child rehabilitation", "rehab for disabled children", "autism therapy"]),
    "GS-001": (["发票", "领发票", "领票", "发票领用", "增值税发票"],
               ["invoice", "VAT invoice", "fapiao"]),
    "GS-002": (["个税", "个税汇算", "个税退税", "退税", "个人所得税", "年度汇算"],
               ["income tax", "tax refund", "annual tax return", "IIT"]),
    "GS-003": (["一般纳税人", "一般纳税人认定", "纳税人登记"],
               ["general taxpayer", "VAT registration"]),
    "DS-001": (["契税", "买房交税", "购房契税", "房屋契税"],
               ["deed tax", "house purchase tax", "property transfer tax"]),
    "DS-002": (["房产税", "房屋税"],
               ["property tax", "house tax"]),
    "DS-003": (["灵活就业社保", "个体户社保", "自由职业社保", "个人交社保", "社保缴费"],
               ["self-employed social insurance", "freelancer social insurance", "pay social insurance"]),
    "GA-001": (["身份证", "换身份证", "身份证到期", "身份证过期", "身份证换证", "二代证"],
               ["ID card", "identity card", "renew ID card"]),
    "GA-002": (["户口迁移", "迁户口", "落户", "户口迁入", "准迁证"],
               ["hukou", "hukou transfer", "household registration transfer", "move residence registration"]),
    "GA-003": (["居住证", "暂住证", "办居住证"],
               ["residence permit", "temporary residence permit", "residence card"]),
    "GA-004": (["无犯罪证明", "无犯罪记录", "良民证", "无犯罪记录证明"],
               ["no criminal record", "police clearance", "criminal record check", "good conduct certificate"]),
    "HB-001": (["环评", "环评报告表", "环评审批", "环境影响评价"],
               ["EIA", "environmental impact assessment", "environmental impact report"]),
    "HB-002": (["排污证", "排污许可证", "排污许可"],
               ["discharge permit", "pollution permit", "emission permit"]),
    "HB-003": (["环评登记表", "环评备案", "环境影响登记表"],
               ["EIA registration", "environmental impact registration form"]),
}


def add_aliases(guides):
    """Puts each guide's aliases right after its name, zh-Hant converted with OpenCC."""
    hans = [a for zh, _ in ALIASES.values() for a in zh]
    out = subprocess.run(["opencc", "-c", "s2tw.json"], input="\n".join(hans) + "\n",
                         capture_output=True, text=True, check=True).stdout.split("\n")
    hant = dict(zip(hans, out))
    for i, g in enumerate(guides):
        zh, en = ALIASES[g["code"][len(R):]]
        tw = []
        for a in zh:
            h = hant[a]
            for x, y in FIXES:
                h = h.replace(x, y)
            if h not in tw:
                tw.append(h)
        items = list(g.items())
        items.insert(2, ("aliases", {"zh-Hans": zh, "zh-Hant": tw, "en": en}))
        guides[i] = dict(items)


def to_traditional(root):
    texts = []

    def walk(x):
        if isinstance(x, dict):
            if "zh-Hans" in x and "zh-Hant" not in x:
                texts.append(x)
            for v in x.values():
                walk(v)
        elif isinstance(x, list):
            for v in x:
                walk(v)
    walk(root)
    src = [x["zh-Hans"] for x in texts]
    assert all("\n" not in s for s in src)
    try:
        out = subprocess.run(["opencc", "-c", "s2tw.json"], input="\n".join(src) + "\n",
                             capture_output=True, text=True, check=True).stdout
    except FileNotFoundError:
        sys.exit("needs the opencc command (apt-get install opencc)")
    lines = out.split("\n")[:len(src)]
    assert len(lines) == len(src)
    for x, h in zip(texts, lines):
        for a, b in FIXES:
            h = h.replace(a, b)
        en = x.pop("en")
        x["zh-Hant"] = h
        x["en"] = en


# ==========================================================================
# Checks (run after generating, or on any file with --check FILE).
REQUIRED_TEXT = ("name", "accepting_body", "deciding_body", "legal_basis", "conditions", "fees", "intermediary",
                 "delivery", "remedies", "location", "hours", "complaint", "progress_query")
OPTIONAL_TEXT = ("prohibitions", "fee_basis", "result_sample")
TYPES = {"administrative_license", "public_service", "administrative_confirmation", "administrative_payment", "other_power"}
FORMS = {"original", "copy", "original_and_copy", "electronic"}
# Characters that stay as they are in Traditional in some words (台賬, 周歲, 制度, 准予, 平面 ...).
SHARED = set("床秘台污周制准面里只系干布借向合回困游症致舍表于余历征复范注托汇签采据当并愿发后划尽须咨松冲云斗获占折")


def validate(b):
    import datetime
    import re
    errs = []
    stats = {"text": 0, "zh_same": 0, "simplified_in_hant": []}

    def text(x, where, required=True):
        if x is None:
            if required:
                errs.append(where + ": missing")
            return
        if not isinstance(x, dict):
            errs.append(where + ": not an object")
            return
        for k in ("zh-Hans", "zh-Hant", "en"):
            if not isinstance(x.get(k), str) or not x[k].strip():
                errs.append("%s.%s: missing or empty" % (where, k))
        if set(x) - {"zh-Hans", "zh-Hant", "en"}:
            errs.append(where + ": unknown language")
        if isinstance(x.get("zh-Hans"), str) and isinstance(x.get("zh-Hant"), str):
            stats["text"] += 1
            if x["zh-Hans"] == x["zh-Hant"]:
                stats["zh_same"] += 1
            stats.setdefault("pairs", []).append((where, x["zh-Hans"], x["zh-Hant"]))

    def day(s):
        try:
            return datetime.date.fromisoformat(s)
        except (TypeError, ValueError):
            return None

    if b.get("format") != "hall-kiosk-bundle": errs.append("format")
    if b.get("schema") != 1 or isinstance(b.get("schema"), bool): errs.append("schema")
    if not isinstance(b.get("version"), str) or not b["version"]: errs.append("version")
    if b.get("published_at") is not None:
        try:
            datetime.datetime.strptime(b["published_at"], "%Y-%m-%dT%H:%M:%SZ")
        except ValueError:
            errs.append("published_at")
    depts = b.get("departments") or []
    ids = [d.get("id") for d in depts]
    if ids != list(DEPT): errs.append("departments: ids %s" % ids)
    for i, d in enumerate(depts):
        text(d.get("name"), "departments[%d].name" % i)
    guides = b.get("guides") or []
    if len(guides) < 32: errs.append("only %d guides" % len(guides))
    codes = set()
    lo, hi = datetime.date(2026, 6, 1), datetime.date(2026, 11, 20)
    samples = 0
    for gi, g in enumerate(guides):
        at = "guides[%d](%s)" % (gi, g.get("code"))
        code = g.get("code")
        if not isinstance(code, str) or not re.fullmatch(r"\d{6}-[A-Z]{2}-\d{3}", code): errs.append(at + ".code: pattern")
        if code in codes: errs.append(at + ".code: duplicate")
        codes.add(code)
        for k in REQUIRED_TEXT:
            text(g.get(k), "%s.%s" % (at, k))
        for k in OPTIONAL_TEXT:
            if k in g:
                text(g[k], "%s.%s" % (at, k))
        if g.get("type") not in TYPES: errs.append(at + ".type")
        dep = g.get("department")
        if dep not in DEPT:
            errs.append(at + ".department: unknown")
        elif g.get("windows") != ["w%02d" % DEPT[dep]["win"]]:
            errs.append(at + ".windows")
        elif ("%d号窗口" % DEPT[dep]["win"]) not in g["location"]["zh-Hans"]:
            errs.append(at + ".location: window number")
        mats = g.get("materials") or []
        if not 3 <= len(mats) <= 7: errs.append(at + ".materials: %d items" % len(mats))
        for mi, m in enumerate(mats):
            mat = "%s.materials[%d]" % (at, mi)
            text(m.get("name"), mat + ".name")
            text(m.get("source"), mat + ".source")
            if "notes" in m: text(m["notes"], mat + ".notes")
            if m.get("form") not in FORMS: errs.append(mat + ".form")
            if not isinstance(m.get("count"), int) or isinstance(m.get("count"), bool) or not 1 <= m["count"] <= 99: errs.append(mat + ".count")
            if not isinstance(m.get("required"), bool): errs.append(mat + ".required")
            nm = m.get("name") or {}
            if any("其他材料" in nm.get(k, "") or "其他資料" in nm.get(k, "") for k in ("zh-Hans", "zh-Hant")) \
                    or "other material" in nm.get("en", "").lower():
                errs.append(mat + ".name: catch-all")
        am = g.get("apply_methods") or []
        if not am or set(am) - {"on_site", "online", "post"}: errs.append(at + ".apply_methods")
        steps = g.get("steps") or []
        if not 3 <= len(steps) <= 6: errs.append(at + ".steps: %d" % len(steps))
        for si, st in enumerate(steps):
            text(st, "%s.steps[%d]" % (at, si))
        pd, ld = g.get("promised_days", 0), g.get("legal_days", 0)
        if not all(isinstance(v, int) and not isinstance(v, bool) and 0 <= v <= 3650 for v in (pd, ld)): errs.append(at + ".days")
        elif ld > 0 and not pd < ld: errs.append(at + ".promised_days >= legal_days")
        if not isinstance(g.get("on_the_spot", False), bool): errs.append(at + ".on_the_spot")
        if g.get("on_the_spot") and pd != 0: errs.append(at + ".on_the_spot with promised_days")
        if not g.get("on_the_spot") and pd == 0: errs.append(at + ".promise件 without promised_days")
        if "元" in g["fees"]["zh-Hans"] and "fee_basis" not in g: errs.append(at + ".fee_basis missing for a charge")
        if not re.fullmatch(r"0\d{3}-\d{7}", g.get("phone") or ""): errs.append(at + ".phone")
        if "12345" not in g["complaint"]["zh-Hans"]: errs.append(at + ".complaint")
        forms = g.get("forms") or []
        if not 1 <= len(forms) <= 2: errs.append(at + ".forms: %d" % len(forms))
        for fi, f in enumerate(forms):
            text(f.get("name"), "%s.forms[%d].name" % (at, fi))
            if f.get("url") != "%s%s-%d.pdf" % (FORM_BASE, code, fi + 1) or not f["url"].startswith("https://"):
                errs.append("%s.forms[%d].url" % (at, fi))
            if not isinstance(f.get("sample"), bool): errs.append("%s.forms[%d].sample" % (at, fi))
        if any(f.get("sample") for f in forms): samples += 1
        u = day(g.get("updated"))
        if u is None or not lo <= u <= hi: errs.append(at + ".updated")
    # Simplified-only characters left in zh-Hant: convert every Hans character on its own and
    # flag Hant strings that still contain one whose Traditional form differs.
    pairs = stats.pop("pairs", [])
    chars = sorted({c for _, s, _ in pairs for c in s if "\u4e00" <= c <= "\u9fff"})
    conv = subprocess.run(["opencc", "-c", "s2t.json"], input="\n".join(chars) + "\n",
                          capture_output=True, text=True, check=True).stdout.split("\n")
    simp = {c for c, tc in zip(chars, conv) if tc != c} - SHARED
    for where, s, h in pairs:
        bad = sorted({c for c in h if c in simp})
        if bad:
            stats["simplified_in_hant"].append("%s: %s" % (where, "".join(bad)))
    zh_diff_candidates = sum(1 for _, s, _ in pairs if any(c in simp or c in SHARED for c in s))
    print("guides %d, departments %d, codes unique %d, guides with a sample form %d" % (len(guides), len(depts), len(codes), samples))
    print("TEXT values %d; zh-Hant identical to zh-Hans %d (%.1f%%): %s" % (
        stats["text"], stats["zh_same"], 100.0 * stats["zh_same"] / max(1, stats["text"]),
        sorted({s for _, s, h in pairs if s == h})))
    print("zh-Hans strings containing a character that changes in Traditional: %d; their zh-Hant twins identical: %d" % (
        zh_diff_candidates, sum(1 for _, s, h in pairs if s == h and any(c in simp for c in s))))
    print("zh-Hant strings still holding a Simplified-only character: %d %s" % (
        len(stats["simplified_in_hant"]), stats["simplified_in_hant"][:10]))
    return errs + ["zh-Hant not Traditional: " + x for x in stats["simplified_in_hant"]]


def main():
    if len(sys.argv) == 3 and sys.argv[1] == "--check":
        with open(sys.argv[2], encoding="utf-8") as f:
            errs = validate(json.load(f))
        print("\n".join(errs) or "OK: no problems found")
        sys.exit(1 if errs else 0)
    bundle = {
        "format": "hall-kiosk-bundle",
        "schema": 1,
        "version": VERSION,
        "published_at": PUBLISHED,
        "departments": [{"id": d["id"], "name": {"zh-Hans": d["hans"], "zh-Hant": d["hant"], "en": d["en"]}}
                        for d in DEPT.values()],
        "guides": GUIDES,
    }
    to_traditional(bundle)
    add_aliases(bundle["guides"])
    here = os.path.dirname(os.path.abspath(__file__))
    path = sys.argv[1] if len(sys.argv) > 1 else os.path.join(here, "..", "demo-bundle.json")
    with open(path, "w", encoding="utf-8") as f:
        json.dump(bundle, f, ensure_ascii=False, indent=1)
        f.write("\n")
    print("wrote %s: %d guides, %d bytes" % (os.path.normpath(path), len(GUIDES), os.path.getsize(path)))
    with open(path, encoding="utf-8") as f:
        errs = validate(json.load(f))
    print("\n".join(errs) or "OK: no problems found")
    sys.exit(1 if errs else 0)


if __name__ == "__main__":
    main()
