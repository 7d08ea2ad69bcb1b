#!/usr/bin/env python3
"""Build notes.jsonl + gold.jsonl (score.py's common form) from the
synthetic clinician search queries below, written in the manner of ASQ-PHI
(a clinician typing a lookup into a search box or assistant: one or a few
lines, often terse, sometimes lower case, with a patient's name, dates,
numbers and places).  Every name, number and place here is invented.

Markup (as tests/data/phi/gen.py): {TYPE|text} is a PHI span; {-TYPE|text}
a span that is annotated but not PHI (phi=false: an age under 90, a year
alone, a weekday).  The corpus label is the ASQ-PHI label of the type
(NAME, GEOGRAPHIC_LOCATION, DATE, MEDICAL_RECORD_NUMBER, ...)."""
import json, os, re

NOTES = [
# lookups with name + DOB/MRN
"labs for {NAME|Jane Q. Doe} DOB {DATE|04/12/1957} MRN {MRN|88213457}",
"find pt {NAME|Maria Gonzalez} seen at {ORGANIZATION|Riverside Clinic} in {CITY|Tucson} on {DATE|3/2/2023}",
"fax results to {FAX|555-201-8843}",
"patient email {EMAIL|j.doe77@example.net} - send portal invite",
"IP {IP|10.22.4.188} login from outside network flagged on {DATE|11/14}, which user was that",
"verify Medicare ID {HEALTH_PLAN|1EG4-TE5-MK72} for {NAME|Harold Pettigrew}",
"ordering provider license {LICENSE|MD-448291} not recognized in the formulary system",
"acct# {ACCOUNT|000448120} balance question, pt says already paid",
"What was the last potassium for {NAME|Devon Okafor}, MRN {MRN|40917736}?",
"pull up the echo report for {NAME|Eleanor Fitzgerald-Hume} born {DATE|June 3, 1941}",
"show me all A1c values for {NAME|Raj Patel} (DOB {DATE|1968-09-22}) since {-DATE|2019}",
"Does {NAME|Kwame Mensah} have a colonoscopy on file? MRN {MRN|55120984}",
"pt {NAME|Lucy Tran}, {DATE|2/7/1990}, allergic to PCN? need to confirm before giving Unasyn",
"{NAME|Brandon Whitlock} MRN {MRN|7743-0021} INR trend last 3 months on warfarin",
"Is Mrs. {NAME|Ingrid Halvorsen}'s biopsy back? taken {-DATE|Tuesday} {DATE|5/16}",
"ct chest results {NAME|thomas abernathy} dob {DATE|7/19/52}",
"need discharge summary for {NAME|Sofia Reyes-Castillo} admitted {DATE|January 4} discharged {DATE|January 9}",
"cultures on Mr. {NAME|Delgado} from {DATE|the 12th}?",
"{NAME|OYELARAN, FUNMILAYO} MRN {MRN|30028871} - vanc trough timing",
"Any documented falls for {NAME|Bernard Kowalczyk} in the last year? He's {AGE|93}.",
# contact details, callbacks
"call back Ms. {NAME|Renata Silva} at {PHONE|(520) 555-0187} re: abnormal pap",
"pt's daughter {NAME|Keisha Brooks} wants update, her cell is {PHONE|312.555.0164}",
"update phone number for {NAME|Gerald Finch} to {PHONE|+1 415 555 0122}",
"pharmacy called about {NAME|Ana Lucia Moreno}'s rx, callback {PHONE|602-555-0139 ext 4}",
"send the MRI disc to Dr. {NAME|Yusuf Erdogan}, fax {FAX|(617) 555-0171}",
"fax number for {ORGANIZATION|Lakeside Cardiology Associates} is {FAX|781-555-0145}, please send consult note for {NAME|Patrick O'Neill}",
"email {EMAIL|mgonzalez@riverside-clinic.org} the referral for {NAME|Hector Ruiz}",
"pt {NAME|Chloe Bennett} says she never got the result email at {EMAIL|chloe.b.1994@mailbox.example}",
"pager for Dr. {NAME|Abiodun} is pgr {PHONE|61043}",
"who is PCP for {NAME|Leonard Shapiro}? his phone {PHONE|2125550198}",
"ring {NAME|Tomasz Nowak}'s wife {NAME|Agnieszka} at {PHONE|773 555 0115} about the procedure time",
"reach out to {NAME|Harriet Osei} via {EMAIL|hosei@example.org} or {PHONE|(404)555-0106} about missed appt {DATE|Oct 3}",
"fax prior auth for {NAME|Mohammed Al-Rashid} to {ORGANIZATION|Sunbelt Health Plan} at {FAX|1-800-555-0147}",
"callback # for {NAME|Peggy Lindqvist}'s son is {PHONE|555-0133}",
"Dr. {NAME|Chen}'s nurse line {PHONE|(206) 555-0119 x3302}",
"patient {NAME|Ivan Petrov} phone {PHONE|+7 495 555-01-42} (visiting from abroad), needs interpreter",
"text appointment reminder to {PHONE|917-555-0153} for {NAME|Destiny Harper}",
"lab called critical K 6.8 on {NAME|Earl Washington}, bed 12, call Dr. {NAME|Moss} at {PHONE|x4-5521}",
"{NAME|Gwen Tolliver-Morales} email changed to {EMAIL|gwen.sm@example.com}, dob {DATE|03/30/1985}",
"send records to Dr. {NAME|Samuel Achebe} at {ORGANIZATION|Mercy Medical} fax {FAX|555.201.7730}",
# identifiers
"SSN {SSN|412-68-3301} for {NAME|Walter Brennan} doesn't match registration",
"verify ssn {SSN|523 71 9048} pt {NAME|Joyce Adeyemi}",
"{NAME|Kevin Ng} last four of SSN {SSN|7721}, can't find chart",
"member id {HEALTH_PLAN|XJH889102334} for BCBS, pt {NAME|Alicia Ferreira}",
"Medicaid # {HEALTH_PLAN|40021877B} is inactive for {NAME|Jose Ramirez}, check eligibility",
"aetna subscriber {HEALTH_PLAN|W289114375} plan denied MRI lumbar spine for {NAME|Nadia Haddad}",
"health plan beneficiary number {HEALTH_PLAN|HPB-5532-8810} on the claim is wrong",
"UnitedHealthcare ID {HEALTH_PLAN|921447730-01} for {NAME|Terrence Gaines}, is PT covered?",
"billing account {ACCOUNT|55-0091823} has duplicate charge for CPT 99214 on {DATE|08/22/2023}",
"account number {ACCOUNT|7730021948} - patient {NAME|Rosa Jimenez} disputes ER bill",
"acct HAR {ACCOUNT|1100293847} for {NAME|Clifford Banks}, need itemized statement",
"DEA {LICENSE|BK1234563} expired? Dr. {NAME|Lisa Brandt} cannot e-prescribe oxycodone",
"NPI {LICENSE|1588742093} for {NAME|Amir Farahani}, MD",
"nursing license {LICENSE|RN-2291847} verification for new hire {NAME|Kelly Dunbar}",
"state medical license # {LICENSE|G-77310} for Dr. {NAME|Okwuosa}",
"MRN {MRN|000-77-1923} has two charts, merge with MRN {MRN|000-81-4406}",
"chart # {MRN|A00982271} missing allergy list",
"encounter ID {ID|ENC-20230514-88712} note not signed",
"study subject ID {ID|ONC-221-0457} - eligible for the trial?",
"specimen accession {ID|S23-018842} for {NAME|Imani Jackson} pathology pending?",
# IP / device / misc identifiers
"unauthorized access to {NAME|Paul Verhoeven}'s chart from {IP|192.168.14.7} at 0200",
"workstation {IP|172.16.254.9} printed {NAME|Dana Whitfield}'s records, who was logged in",
"audit log: user {ID|jmartinez} viewed MRN {MRN|60114422} from {IP|10.0.3.51}",
"vpn login {IP|203.0.113.77} for Dr. {NAME|Kapoor} failed 5 times",
"pacemaker serial {ID|PJN738291S} for {NAME|Herbert Lang}, check remote interrogation",
"insulin pump serial number {ID|NG-0447-2218} alarm for pt {NAME|Caleb Morrison}",
"patient portal username {ID|sreyes1961} for {NAME|Sofia Reyes} locked out",
"IPv6 {IP|2001:db8:4a2::17} showed up in access report for {NAME|Marcus Bell}'s record",
"bed 4 {NAME|Gloria Fuentes} MRN {MRN|44871209} wristband barcode {ID|8849201173} doesn't scan",
"claim {ID|CLM-0098123-A} for {NAME|Ruth Oyelowo} rejected, dx code missing",
# places
"find pt {NAME|Maria Gonzalez} seen at {ORGANIZATION|Riverside Clinic} on {DATE|3/2}",
"transfer records from {ORGANIZATION|St. Brendan's Hospital} in {CITY|Fall River} for {NAME|Mark Souza}",
"{NAME|Frances Oduya} lives at {ADDRESS|1187 Linden Ave, Apt 3}, {CITY|Evanston} {ZIP|60202}, need home health",
"home address for {NAME|Derek Sato}: {ADDRESS|55 Quarry Rd}, {CITY|Barre}, VT {ZIP|05641}",
"is {ORGANIZATION|Bayview Urgent Care} in network? pt {NAME|Li Wei} went there last Friday {DATE|6/9}",
"pt was seen at {ORGANIZATION|Cranmore General} ED on {DATE|May 5th}, request outside records",
"nursing home in {CITY|Springfield} called about {NAME|Mildred Haas}",
"{NAME|Olu Adeyemi} moved to {CITY|Sacramento}, update address {ADDRESS|4410 Folsom Blvd}, {ZIP|95819}",
"how far is {ORGANIZATION|Pinecrest Dialysis Center} from {CITY|Mesa} for Mr. {NAME|Begay}",
"outside CT from {ORGANIZATION|Northgate Imaging} for {NAME|Rosalind Pryce} dated {DATE|9/14/2022}",
"{NAME|Eduardo Santos} works at {ORGANIZATION|Halvorsen Steel} in {CITY|Gary}, exposure history?",
"pt {NAME|Abigail Crane} from {CITY|Bozeman} admitted to {ORGANIZATION|St. Vincent's} {DATE|12/01}",
"find all patients from zip {ZIP|02134} with positive covid test in {DATE|March 2021}",
"{NAME|Cheng Liu} was transferred from {ORGANIZATION|Mercy} to our {LOCATION|Weston 4} unit",
"records request from patient's attorney for {NAME|Stephanie Wu}",
"{NAME|Nathaniel Brooks} {ADDRESS|PO Box 2231}, {CITY|Flagstaff}, AZ",
"seen in {ORGANIZATION|Desert Sky Family Medicine} {DATE|Feb 2024}? pt {NAME|Yolanda Price}",
"patient {NAME|Ahmed Hassan} from {CITY|Dearborn} needs Arabic interpreter tomorrow",
"discharge to {ORGANIZATION|Golden Years Rehab} at {ADDRESS|300 Meadow Lane}, {CITY|Bozeman} for {NAME|Henry Clay Watts}",
"{NAME|Mia Kowalski} ER visit {ORGANIZATION|Lakeview Hospital} {DATE|2/28/24}",
# harder / terse / mixed
"{NAME|maria gonzalez} labs",
"{NAME|okafor} k+",
"dr. {NAME|smith}'s pt from yesterday, {NAME|hannah reyes}, ct results",
"{NAME|smith john} dob {DATE|010145}",
"{NAME|GRACE HOPE} {DATE|11/2/1939} pneumonia workup",
"{NAME|Helen Graves} TSH trend",
"{NAME|Parker Young} {NAME|Will Baker} - which one is on dialysis",
"is {NAME|April Summers} pregnant? beta hcg {DATE|4/2}",
"{NAME|Bishop}, room 412, needs foley changed",
"{NAME|José Luis Ñúñez} dob {DATE|5-8-1977} cr trend",
"{NAME|Siobhán Ní Bhriain} - allergy to latex?",
"{NAME|Nguyễn Thị Lan} mrn {MRN|90217734}",
"pt {NAME|K.M.}, {AGE|91} y/o, dnr status?",
"{NAME|J. Alvarez-Ortiz} d/c on {DATE|the 3rd}?",
"mr. {NAME|tanaka} ({AGE|ninety-four}) any recent falls",
"labs from yesterday {DATE|3/11} for {NAME|Xavier Dupont} bed 7",
"Rev. {NAME|Martin Hodgkin} - PSA result",
"MRN{MRN|12093348}",
"dob {DATE|Jan 31 1950} ssn {SSN|287-45-1190} name {NAME|Doris Kaminski}",
"{NAME|Pardee, Rosa L} {DATE|02/04/1930} {AGE|95}yo echo",
# no PHI (hard negatives) and PHI-free clinical questions
"What is the recommended dose of metformin for a {-AGE|65}-year-old with CKD stage 3?",
"Parkinson's disease first line treatment in a {-AGE|72} yo",
"Hodgkin lymphoma staging criteria {-DATE|2022}",
"Foley catheter change frequency per CDC",
"Glasgow coma scale 8/15 intubate?",
"bp 150/90 on lisinopril 20 mg, add amlodipine or hctz",
"Graves disease vs Hashimoto labs",
"Swan-Ganz catheter normal values",
"Bactrim DS dose for UTI with GFR 28",
"Down syndrome screening at 12 weeks",
"Cushing syndrome dexamethasone suppression test protocol",
"Addison's disease stress dose steroids for surgery",
"how to manage 2/6 systolic murmur in pregnancy",
"pain 8/10 after total knee, oxycodone 5 mg q4h prn enough?",
"5/5 strength but reflexes 3+, next step",
"Apgar 7 and 9, when to discharge",
"Lasix 40 mg IV vs 80 mg PO equivalence",
"Wells score for DVT",
"Mallory-Weiss tear management",
"Guillain-Barre IVIG dosing for a {-AGE|54} yo man weighing 80 kg",
# more mixed, PHI inside clinical wording
"Started {NAME|Ruth Abernathy} on Eliquis 5 mg BID {DATE|10/2}, any interaction with her diltiazem?",
"{NAME|Gordon Fisk}'s wife {NAME|Beverly} called about his Coumadin dose, INR {DATE|9/30} was 3.8",
"resident Dr. {NAME|Aisha Karim} asking about {NAME|Theo Marchetti}'s blood cultures from {-DATE|Sunday} {DATE|4/14}",
"Compare {NAME|Lorraine Dubois}'s CBC from {DATE|March 3} and {DATE|March 10}",
"{NAME|Winston Achterberg} {AGE|92} y/o M with CHF, last EF?",
"plan for Mrs. {NAME|Ochoa}, {-AGE|88}, on hospice since {DATE|Aug}",
"pt {NAME|Sunita Rao} seen by Dr. {NAME|Feldman} at {ORGANIZATION|Eastside Women's Health} on {DATE|11.21.2023}",
"pt {NAME|Darnell Hughes} MRN {MRN|81120943} DOB {DATE|12 Jun 1948} - eGFR trend",
"Baby Boy {NAME|Martinez} born {DATE|07/04/2024} at 0312, bilirubin",
"{NAME|Rafael Ortega} and his mother {NAME|Lidia} both have TB? address {ADDRESS|22 Cypress Ct}",
"ED visit {DATE|2024-01-17} for {NAME|Hugo Lindström}, triage note",
"Sr. {NAME|Mary Agnes} (legal name {NAME|Margaret Doyle}) from {ORGANIZATION|Holy Cross Convent} needs flu shot",
"appt for {NAME|Zainab Yusuf} on {-DATE|Thursday}, {DATE|August 1st} at 2:30 pm with Dr. {NAME|Lévesque}",
"{NAME|Connor MacLeod} surgery date {DATE|15/08/2023}?",
"peds: {NAME|Aiden Cho}, {-AGE|4} yo, mom {NAME|Jenny} says fever since {-DATE|Sat} {DATE|6/1}",
"pt {NAME|Esperanza Villanueva} insurance MCR {HEALTH_PLAN|7TW2-QX8-NP41} and acct {ACCOUNT|A-30094417}",
"Gregory House-like diagnosis question: {-AGE|35} yo w/ fever, rash, joint pain",
"{NAME|Nora Lindqvist} says Dr. {NAME|Baptiste} at {ORGANIZATION|Harbor Family Practice} in {CITY|Quincy} changed her dose",
"labs drawn {DATE|11/3} at 0700 on {NAME|Albert Fenwick}: Na 128, K 5.9",
"who covered Dr. {NAME|Ramanathan}'s patients on {DATE|Christmas Eve}",
]

LABEL = {
    "NAME": "NAME", "DATE": "DATE", "MRN": "MEDICAL_RECORD_NUMBER",
    "HEALTH_PLAN": "HEALTH_PLAN_BENEFICIARY_NUMBER", "PHONE": "PHONE_NUMBER",
    "SSN": "SOCIAL_SECURITY_NUMBER", "EMAIL": "EMAIL_ADDRESS", "ID": "UNIQUE_IDENTIFIER",
    "ACCOUNT": "ACCOUNT_NUMBER", "FAX": "FAX_NUMBER", "LICENSE": "CERTIFICATE_LICENSE_NUMBER",
    "IP": "IP_ADDRESS", "CITY": "GEOGRAPHIC_LOCATION", "ADDRESS": "GEOGRAPHIC_LOCATION",
    "ZIP": "GEOGRAPHIC_LOCATION", "ORGANIZATION": "GEOGRAPHIC_LOCATION",
    "LOCATION": "GEOGRAPHIC_LOCATION", "AGE": "AGE",
}

SPAN = re.compile(r"\{(-?)([A-Z_]+)\|([^{}]*)\}")

def build(i, src):
    spans, pos, out = [], 0, []
    for m in SPAN.finditer(src):
        out.append(src[pos:m.start()])
        start = sum(len(x) for x in out)
        out.append(m.group(3))
        end = start + len(m.group(3))
        spans.append({"start": start, "end": end, "type": m.group(2),
                      "phi": m.group(1) != "-", "label": LABEL[m.group(2)]})
        pos = m.end()
    out.append(src[pos:])
    text = "".join(out)
    assert "{" not in text and "}" not in text, (i, text)
    return {"id": "query-%03d" % i, "text": text}, {"id": "query-%03d" % i, "spans": spans}

here = os.path.dirname(os.path.abspath(__file__))
with open(os.path.join(here, "notes.jsonl"), "w", encoding="utf-8") as fn, \
     open(os.path.join(here, "gold.jsonl"), "w", encoding="utf-8") as fg:
    for i, src in enumerate(NOTES):
        n, g = build(i, src)
        fn.write(json.dumps(n, ensure_ascii=False) + "\n")
        fg.write(json.dumps(g, ensure_ascii=False) + "\n")
