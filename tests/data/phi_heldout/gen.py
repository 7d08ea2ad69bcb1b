#!/usr/bin/env python3
"""Held-out PHI evaluation corpus, written blind (without reference to the
redactor or to the other corpora under tests/data/).

Builds notes.jsonl + gold.jsonl (score.py's common form) from the synthetic
documents below.  Markup: {TYPE|text} is a PHI span; {-TYPE|text} a span that
is annotated but not PHI (phi=false).  Every person, number, organisation and
street here is invented; town names are invented too (any resemblance to a
real place is accidental); states and countries are real but are not PHI.

Annotation conventions (see also README.md):
  * Titles (Dr., Mr., Mrs., Ms, Fr.) and degrees (MD, RN, PA-C ...) are kept
    outside NAME spans; possessive 's is outside; initials standing for a
    person (signatures such as "TMR" or "kb") are NAME.
  * DATE spans cover the date expression only ("in {DATE|March}",
    "early {DATE|September}", "{DATE|the 4th}").  A year alone and a weekday
    alone are {-DATE|...}.  Clock times, "POD 3", "HD#4", "DOL 6" are not
    annotated.
  * Every explicit age of a person is annotated: {-AGE|..} for 89 and under,
    {AGE|..} for 90 and over (including "in her {AGE|90s}").
  * ADDRESS is the street part; CITY, {-STATE}, ZIP are separate spans.
    Organisation names that contain a town are one ORGANIZATION span.
  * Generic unit / ward / department names (MICU, 4 West, 7 North,
    Internal Medicine, Intensive Care Unit) and room / bed / chair numbers
    are not annotated.
  * Pagers and internal extensions are PHONE.  Accession, specimen, job,
    session, case and docket numbers, NPI and officer badge numbers are ID.
    Billing accounts are ACCOUNT; member / group numbers HEALTH_PLAN; DEA,
    state medical, driver's and CDL licences LICENSE; plates and VINs VEHICLE;
    device serials DEVICE.  Device model numbers and brands are not annotated.
"""
import json, os, re, sys, unicodedata
import os, sys
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from phi_markup import SPAN, build, write  # noqa: E402

# ---------------------------------------------------------------------------
# 20 i2b2-2014-style longitudinal records
# ---------------------------------------------------------------------------
I2B2 = [
# 01 -- patient A, visit 1
"""Record date: {DATE|2088-07-14}

{ORGANIZATION|Halvorsen Valley Medical Center}
Internal Medicine Associates
{ADDRESS|412 Quarry Hill Road}
{CITY|Brattlesford}, {-STATE|VT} {ZIP|05387}

Re: {NAME|Hrytsenko, Oksana}
MRN: {MRN|7730914}

Dear Dr. {NAME|Abernathy},

I had the pleasure of seeing Mrs. {NAME|Hrytsenko} in follow-up today. As you know, she is a {-AGE|64} year old woman, originally from {-COUNTRY|Ukraine}, with type 2 diabetes, hypertension, hyperlipidemia and Hashimoto thyroiditis who moved to {CITY|Brattlesford} in {-DATE|2081} to live near her son {NAME|Taras}.

Since her last visit in {DATE|March} she reports improved energy. Her home glucose log shows fasting values of 130-160. She denies chest pain, orthopnea or PND. She walks 20 minutes most days with her neighbor.

Medications:
1. Metformin 1000 mg PO BID
2. Glipizide 5 mg PO daily
3. Lisinopril 20 mg PO daily
4. Atorvastatin 40 mg PO qHS
5. Synthroid 75 mcg PO daily
6. Aspirin 81 mg daily

Exam: BP 138/84, HR 72, Wt 81.4 kg, BMI 31.2. Lungs clear. RRR, 2/6 systolic murmur at the apex. Monofilament sensation intact bilaterally. Achilles reflexes 1+ and symmetric.

Labs ({DATE|7/02/88}): HbA1c 7.8% (prev 8.4%), Cr 0.9, eGFR >60, LDL 92, TSH 2.31, urine microalbumin/Cr 38.

Assessment and plan:
1. DM2 - improving. Continue metformin/glipizide. Consider Jardiance if A1c remains above 7.5.
2. HTN - above goal; increase lisinopril to 40 mg.
3. Hashimoto - euthyroid on current Synthroid dose.
She will return in 3 months, and sooner if needed. Please do not hesitate to call me at {PHONE|(802) 555-0176} with any questions.

Sincerely,

{NAME|Marguerite L. Deschamps}, MD

cc: Dr. {NAME|Lionel Abernathy}, {ORGANIZATION|Brattlesford Family Practice}
""",
# 02 -- patient A, visit 2
"""Record date: {DATE|2089-01-22}

EMERGENCY DEPARTMENT NOTE - {ORGANIZATION|HALVORSEN VALLEY MEDICAL CENTER}

PATIENT: {NAME|OKSANA HRYTSENKO}     UNIT NO: {MRN|773-09-14}
DATE OF SERVICE: {DATE|01/22/2089}
ARRIVAL: 02:40 by ambulance ({ORGANIZATION|Brattlesford Rescue Squad})

CHIEF COMPLAINT: Left facial droop.

HPI: {-AGE|64}F with DM2, HTN, HLD, Hashimoto thyroiditis presents with acute onset left facial weakness noticed by her son {NAME|Taras} when she woke at 01:15. Unable to close left eye. No limb weakness, no dysarthria. Recent URI over the holidays. Last known well 23:00 on {-DATE|Sunday}.

EXAM: T 98.9F, BP 162/94, HR 88, RR 16, SpO2 98% RA. GCS 15. Left lower motor neuron facial palsy involving forehead. Strength 5/5 throughout. Sensation intact. No Babinski sign. NIHSS 2 (facial only).

CT head: no acute intracranial process.

IMPRESSION: Bell's palsy, left. Stroke less likely given forehead involvement.

PLAN: prednisone 60 mg daily x 7 days, valacyclovir 1 g TID x 7 days, artificial tears, eye patch at night. Glucose monitoring while on steroids - may need glipizide increase per PCP. Follow up with Dr. {NAME|Deschamps} this week; if not improved in 3 weeks, refer to Neurology.

Discussed with attending Dr. {NAME|Ifeoma Chukwu}.

{NAME|Paul Reinholt}, PA-C
""",
# 03 -- patient A, visit 3
"""Record date: {DATE|2089-09-30}

ENDOCRINOLOGY CONSULT NOTE
Requesting physician: {NAME|Marguerite Deschamps}, MD
Reason for consult: uncontrolled diabetes after steroid course, weight gain

{NAME|Oksana} is a pleasant {-AGE|65}-year-old Ukrainian-speaking woman seen with her daughter-in-law {NAME|Halyna}, who interpreted. Her Bell's palsy resolved by {DATE|Feb 19th}. A1c rose to 9.1% in {DATE|April} and was 8.7% on {DATE|9/14}. She had one episode of hypoglycemia (BG 54) on {DATE|the 3rd} after skipping lunch while working at {ORGANIZATION|Kimball Orchard Bakery}, where she packs bread 4 mornings a week.

Current meds: metformin 1000 mg BID, glipizide 10 mg daily, lisinopril 40 mg daily, atorvastatin 40 mg, levothyroxine 75 mcg, ASA 81.

ROS: polyuria, no visual change. Eye exam {-DATE|2088} without retinopathy.
PE: BP 128/78, HR 76, BMI 32.5. Thyroid nonpalpable, no nodules. No acanthosis. Feet: intact pulses, no ulcers.
Labs: A1c 8.7%, C-peptide 2.4, GAD65 Ab negative, TSH 3.02, free T4 1.1.

A/P: Type 2 DM, insufficiently controlled on two oral agents; hypoglycemia risk on sulfonylurea.
- Stop glipizide.
- Start semaglutide (Ozempic) 0.25 mg SC weekly, titrate to 0.5 mg after 4 weeks.
- Continue metformin.
- Dexcom G7 CGM prescribed.
- Diabetes education with {NAME|Beatriz Ocampo}, RD, CDCES.
- Return in 3 months.

{NAME|Rajesh Subramanian}, MD
Division of Endocrinology
Pager {PHONE|31742}
""",
# 04 -- patient B, admission
"""DISCHARGE SUMMARY

NAME: {NAME|Altamirano, Ezequiel}
MR#: {MRN|02-448-1193}
ACCT#: {ACCOUNT|V00917726410}
ADMISSION DATE: {DATE|03-04-2077}
DISCHARGE DATE: {DATE|03-11-2077}
ATTENDING: {NAME|Solveig Brandt}, M.D.
SERVICE: Cardiology, {ORGANIZATION|St. Aurelia Hospital}

PRINCIPAL DIAGNOSIS: Acute on chronic systolic heart failure.
OTHER DIAGNOSES: Ischemic cardiomyopathy (EF 20%), atrial fibrillation, CKD stage 3b, gout.

HISTORY OF PRESENT ILLNESS: Mr. {NAME|Altamirano} is a {-AGE|71}-year-old retired bus mechanic with ischemic cardiomyopathy s/p CABG in {-DATE|2069} and Medtronic ICD placement, who presented with 2 weeks of progressive dyspnea, 3-pillow orthopnea and 12 lb weight gain after running out of his Lasix. His wife {NAME|Rocío} reports he was too short of breath to walk to the mailbox.

HOSPITAL COURSE:
1. CHF: Diuresed with IV furosemide 80 mg BID, net negative 9 L. Swan-Ganz catheter placed on {DATE|3/5} given rising creatinine: RA 14, PA 52/28, PCWP 26, CI 1.8. Started milrinone 0.25 mcg/kg/min, weaned off by {DATE|March 8}. Transitioned to torsemide 40 mg daily. Echo {DATE|3/6}: EF 20%, moderate MR, RVSP 55.
2. AFib: rate controlled on metoprolol succinate; continued Eliquis 5 mg BID. CHA2DS2-VASc 5.
3. AKI on CKD: Cr peak 2.6 on {DATE|the 6th}, 1.9 at discharge.
4. Gout: flare of right first MTP on HD 4, treated with prednisone taper; colchicine avoided given renal function.
Foley removed {DATE|3/9}. Device interrogation by the Medtronic representative: no shocks delivered; ICD serial {DEVICE|PZM604512S}.

DISCHARGE MEDICATIONS: torsemide 40 mg PO daily, metoprolol succinate 50 mg daily, Eliquis 5 mg BID, sacubitril/valsartan 24/26 mg BID, spironolactone 12.5 mg daily, prednisone taper, allopurinol 100 mg daily.

DISCHARGE CONDITION: stable. Weight 84.2 kg (dry weight).

FOLLOW-UP: Heart Failure Clinic with {NAME|Dana Whitlock}, NP on {DATE|March 18th} at 10:30. BMP in 1 week at {ORGANIZATION|Linwood Heights Clinic}.

Dictated by: {NAME|Kofi Asante-Darko}, MD, cardiology fellow
cc: {NAME|Solveig Brandt}, M.D.
D: {DATE|03/11/77}  T: {DATE|03/12/77}
Job #: {ID|448213}
""",
# 05 -- patient B, clinic
"""Record date: {DATE|2077-06-02}

HEART FAILURE CLINIC
{NAME|Ezequiel Altamirano}    {MRN|024481193}

{-AGE|71} yo M seen in follow up, accompanied by daughter {NAME|Marisol Altamirano-Reyes}. Since the {DATE|March} admission he has been stable, dry weight 83-84 kg. NYHA class II-III. He finished the prednisone as directed. Went to his granddaughter's quinceañera in {CITY|San Teodoro} last weekend and ate more salt than usual; weight up 2 lb, resolved with an extra torsemide dose.

Meds: as above plus allopurinol. Taking Eliquis without bleeding.
Exam: BP 104/66, HR 64 (paced), JVP 8 cm, trace edema. No S3.
ICD check via CareLink remote: no therapies. Battery ok.
Labs: Na 136, K 4.8, Cr 1.7, BNP 640 (was 2,890 on admission).

Plan: uptitrate Entresto to 49/51 mg BID; recheck BMP in 1 week. Cardiac rehab at {ORGANIZATION|Linwood Heights Clinic} 3x/week. Return 6 weeks.

{NAME|D. Whitlock}, NP / {NAME|S. Brandt}, MD
""",
# 06
"""Record date: {DATE|2091-10-03}

HEMATOLOGY/ONCOLOGY CONSULTATION

Patient: {NAME|Liang Zhuoran}     MRN: {MRN|BT5583026}     DOB: {DATE|04 Aug 2063}
Referring: Dr. {NAME|Genevieve Pardee}, {ORGANIZATION|Northgate Community Hospital}
Consultant: {NAME|Tomasz Wierzbicki}, MD, PhD

REASON: new diagnosis of classical Hodgkin lymphoma.

HPI: Mr. {NAME|Liang} is a {-AGE|28}-year-old graduate student at {ORGANIZATION|Corran Institute of Technology} who noted a painless left supraclavicular mass in {DATE|August}, followed by drenching night sweats and a 6 kg weight loss. Excisional biopsy on {DATE|9/21/91} at {ORGANIZATION|Northgate Community Hospital} showed Reed-Sternberg cells, CD15+, CD30+, CD20-, consistent with nodular sclerosis cHL. PET-CT {DATE|Sept. 28}: FDG-avid cervical, mediastinal (bulky, 11 cm) and hilar nodes; no infradiaphragmatic disease. Deauville 5 in mediastinum.

PMH: asthma as a child. No known Epstein-Barr infection.
SH: lives with girlfriend in graduate housing. Never smoker. Parents live in {CITY|Baishan Xiang}, {-COUNTRY|China}; his older sister {NAME|Liang Meiyun} lives locally and is his emergency contact ({PHONE|+1 617 555 0148}).
FH: no lymphoma.

EXAM: ECOG 0. T 37.9 C, BP 118/72, HR 102. 3 x 4 cm firm left supraclavicular node, multiple smaller cervical nodes. No hepatosplenomegaly.

LABS: WBC 12.4, Hgb 11.2, Plt 410, ESR (Westergren) 68, albumin 3.6, LDH 310. HIV negative, HBsAg negative.

STAGING: Stage IIB, bulky, unfavorable per GHSG criteria.

PLAN:
- ABVD x 4 followed by involved-site radiation vs escalated BEACOPP; discussed with Dr. {NAME|Pardee}.
- Echo and PFTs (DLCO) before bleomycin.
- Fertility preservation: referral to sperm banking at {ORGANIZATION|Meridian Reproductive Associates} this week.
- Port placement with IR.
Time spent 80 minutes, more than half in counseling.

{NAME|T. Wierzbicki}
""",
# 07
"""Record date: {DATE|2082-02-17}

{ORGANIZATION|Pellston Ridge Neurology Group}
{ADDRESS|88 Cobbler's Lane, Suite 300}
{CITY|Pellston Ridge}, {-STATE|Michigan} {ZIP|49769}
Tel {PHONE|231.555.0190}   Fax {FAX|231.555.0191}

{DATE|February 17, 2082}

Dr. {NAME|Amara Nwosu-Bell}
{ORGANIZATION|Lakeshore Primary Care}
{ADDRESS|1501 Harbor Street}
{CITY|Cheboygan Falls}, {-STATE|MI} {ZIP|49721}

RE: {NAME|Zbigniew Wójcik}    DOB {DATE|5/30/2008}

Dear {NAME|Amara},

Thank you for asking me to see Mr. {NAME|Wójcik}, a {-AGE|73}-year-old right-handed retired machinist, for evaluation of tremor. He noticed a right hand tremor at rest about 18 months ago, first pointed out by his wife {NAME|Danuta} at {DATE|Christmas} dinner. He has since developed smaller handwriting, a softer voice and difficulty turning in bed. He denies falls, hallucinations or orthostatic symptoms. He reports acting out dreams (punching) for several years.

Examination: BP 132/80 supine, 128/78 standing. MoCA 27/30. Hypomimia, hypophonia. 4 Hz resting tremor RUE, re-emergent on posture. Cogwheel rigidity R > L. Bradykinesia on finger taps R > L. Gait: reduced right arm swing, stooped posture, en bloc turning; pull test 2 steps. Myerson sign present. No Babinski. MDS-UPDRS part III 28.

Impression: Idiopathic Parkinson's disease, Hoehn and Yahr stage 2, with probable REM sleep behavior disorder. No features to suggest Wilson disease (he is well above the usual age range) or multiple system atrophy.

Recommendations:
1. Carbidopa/levodopa 25/100 mg, 1/2 tab TID x 1 week, then 1 tab TID.
2. Melatonin 6 mg qHS for RBD; remove sharp objects near bed.
3. PT referral (LSVT BIG) and speech therapy (LSVT LOUD).
4. DaTscan not needed given classic presentation.
I will see him again in 3 months. He is also enrolled in our Parkinson Wellness program on {-DATE|Thursdays}.

With kind regards,

{NAME|Ruth Ekwueme-Lindgren}, MD
Movement Disorders Program
""",
# 08
"""Record date: {DATE|2094-05-09}

DISCHARGE SUMMARY - SURGICAL ONCOLOGY

Patient Name: {NAME|Haddad, Layla S.}
Medical Record Number: {MRN|000 551 872}
Admit: {DATE|4/27/2094}    Discharge: {DATE|5/9/2094}
Procedure: Pylorus-preserving pancreaticoduodenectomy (Whipple procedure) {DATE|4/28/2094}
Surgeon: {NAME|Idris Bakare}, MD, FACS
Assistant: {NAME|Chloe Vanterpool}, MD (PGY-4)

Brief history: Ms. {NAME|Haddad} is a {-AGE|58} yo woman, a middle-school teacher at {ORGANIZATION|Ridgeview Middle School}, who presented with painless jaundice and a positive Courvoisier sign. CT showed a 2.6 cm pancreatic head mass; EUS-FNA on {DATE|April 3rd} confirmed adenocarcinoma. CA 19-9 412. No metastatic disease. Biliary stent (10 Fr plastic) placed by Dr. {NAME|Okonkwo} on {DATE|4/3}.

Hospital course: Uncomplicated Whipple, EBL 450 mL. Post-op in the Surgical Intensive Care Unit overnight, then to the floor. JP drain amylase low on POD 3; drain removed on {DATE|5/2}. Delayed gastric emptying required NG tube until POD 6. Tolerating regular diet with Creon. Pain controlled with oxycodone 5 mg q4h PRN; Dilaudid PCA discontinued POD 2. No insulin needed at discharge.

Pathology: pT2 N1 (2/18 nodes), margins negative, perineural invasion present.

Discharge meds: Creon 36,000 units TID with meals and 12,000 with snacks; pantoprazole 40 mg daily; oxycodone 5 mg q6h PRN (#20); senna/docusate; enoxaparin 40 mg SC daily x 28 days.

Disposition: home with VNA. Husband {NAME|Karim} will assist with Lovenox injections.

Follow-up: Dr. {NAME|Bakare} on {DATE|5/16}; Medical Oncology (Dr. {NAME|Petrova}) on {DATE|May 23} to discuss adjuvant mFOLFIRINOX.

{NAME|Chloe Vanterpool}, MD for {NAME|Idris Bakare}, MD
""",
# 09
"""Record date: {DATE|2079-11-08}

ENDOCRINE CLINIC NOTE

Patient: {NAME|Abena Mensah-Boateng}       MRN {MRN|66019284}
Provider: {NAME|Jun-ho Baek}, MD

S: {-AGE|34} y/o F, ICU nurse at {ORGANIZATION|Fairhaven General}, referred by her PCP {NAME|Walter Finch-Ingram}, DO, for hyperthyroidism. Since early {DATE|September} reports palpitations, heat intolerance, 5 kg weight loss and gritty eyes. Mother in {-COUNTRY|Ghana} has "goiter". No iodinated contrast exposure. LMP {DATE|10/29}.
O: HR 112, BP 134/62, Wt 58 kg. Fine tremor. Warm moist skin. Diffuse non-tender goiter with bruit, ~50 g. Lid lag, mild proptosis, no diplopia. CAS 2/7. No pretibial myxedema.
Labs {DATE|11/1/79}: TSH <0.01, FT4 4.2, T3 310, TRAb 8.4 IU/L (ref <1.75). CBC, LFTs normal.
A: Graves disease with mild Graves orbitopathy.
P:
- Methimazole 20 mg daily; counseled on agranulocytosis (call for fever/sore throat) and LFTs.
- Propranolol 20 mg TID for symptoms.
- Selenium 100 mcg BID for orbitopathy x 6 months.
- Ophthalmology referral: Dr. {NAME|Nadia Farouk} at {ORGANIZATION|Clearwater Eye Institute}.
- Contraception discussed (methimazole teratogenic in 1st trimester); she has a Nexplanon.
- Repeat TFTs in 4-6 weeks. Work note provided for 2 days off.
RTC {DATE|12/13/79}.
""",
# 10
"""Record date: {DATE|2085-12-01}

GERIATRICS CONSULT

Name: {NAME|Whitcombe, Edith May}    MRN: {MRN|3390127}    Age: {AGE|93}
Location: 7 North, bed 14
Requested by: Dr. {NAME|Hollis Granger}, Orthopedics

Reason: delirium and falls after hip fracture.

HPI: Mrs. {NAME|Whitcombe} is a {AGE|93}-year-old widow who lives alone in a farmhouse outside {CITY|Tamsworth}, with her nephew {NAME|Gordon Pike} checking on her daily. She fell on {DATE|Nov. 27} in her kitchen and sustained a left intertrochanteric fracture, repaired with a cephalomedullary nail on {DATE|11/28/85}. Since POD 1 she has been intermittently confused, pulling at her lines, worse at night. She received Benadryl 25 mg x2 for sleep and oxycodone 5 mg q4h.

Baseline (per nephew): independent in ADLs, drives to church on {-DATE|Sundays}, manages her own checkbook. No prior memory concerns. Her late husband {NAME|Arthur} died in {-DATE|2079}. Her sister, also in her {AGE|90s}, lives in {CITY|Dunmore Cove}.

Exam: T 99.1, BP 108/60, HR 92, SpO2 95% 2L. CAM positive (inattention, disorganized thinking). Oriented to self only. Foley catheter in place. Hearing aids not in. Bruising L hip. No focal deficits.
Labs: Na 131, BUN 38, Cr 1.3, Hgb 8.9, UA: 3-5 WBC, nitrite negative.

Assessment: Hyperactive delirium, multifactorial: anticholinergic medication (diphenhydramine), opioids, pain, urinary catheter, sensory impairment, anemia, possible hypovolemia.

Recommendations:
1. Discontinue Benadryl; avoid Beers list medications.
2. Scheduled acetaminophen 1 g q8h; oxycodone 2.5 mg q4h PRN for severe pain only.
3. Remove Foley today; bladder scans q6h.
4. Glasses and hearing aids on; family at bedside when possible; lights on during day, off at night.
5. Haldol 0.25 mg only for danger to self or others.
6. NS 75 mL/h x 1 L; transfuse if Hgb < 8.
7. Early PT/OT. Anticipate SNF rehab - case manager {NAME|Terrence Oduya} aware; nephew prefers {ORGANIZATION|Maple Hollow Rehabilitation Center}.
Thank you for this consult. Will follow.

{NAME|Priyanka Venkataraman}, MD, Geriatric Medicine, pager {PHONE|4-7719}
""",
# 11
"""Record date: {DATE|2090-03-19}

GASTROENTEROLOGY FOLLOW-UP

{NAME|Guadalupe Irazábal-Ortiz} | DOB {DATE|1/9/2062} | MRN {MRN|5510-2283}
Member ID: {HEALTH_PLAN|XHP884120337}

Interval history: {NAME|Guadalupe} is a {-AGE|28} yo with ileocolonic Crohn's disease (Montreal A2 L3 B1) diagnosed in {-DATE|2084}. Humira 40 mg every other week was started on the {DATE|4th of March, 2089}. She had a flare in {DATE|January} with 6-8 loose stools daily and hematochezia, treated with a budesonide 9 mg taper. Calprotectin {DATE|Jan 30}: 820. Adalimumab trough {DATE|2/14}: 3.1 with no antibodies. She works as a line cook at {ORGANIZATION|Casa Lucero} and has missed 9 shifts. Husband {NAME|Efraín} and 2 kids (ages {-AGE|4} and {-AGE|7}) supportive.

Exam: Wt 54 kg (down 3 kg), BP 106/68, HR 84. Abdomen soft, mild RLQ tenderness, no mass. Perianal exam: no fistula.

Colonoscopy ({DATE|3/12/90}, Dr. {NAME|Stavros Kalogeropoulos}): SES-CD 14, ulcers in TI and ascending colon, no stricture. Path: active chronic ileitis, no dysplasia, CMV IHC negative.

A/P: Crohn's with partial loss of response to adalimumab.
- Dose-escalate Humira to 40 mg weekly; prior auth submitted, case # {ID|PA-2090-117734}.
- If no response by 12 weeks, switch class: Stelara (ustekinumab) vs Rinvoq.
- Iron studies, B12, vit D. Quantiferon and hepatitis panel updated.
- Follow up 8 weeks. Patient may message via portal.

{NAME|Noor Siddiqui}, MD
""",
# 12
"""Record date: {DATE|2086-08-23}

MICU TRANSFER SUMMARY

{NAME|FARHAN QURESHI}    MRN: {MRN|4471203}    ROOM: MICU 9
DOB: {DATE|1/17/2039} ({-AGE|47}y)
PCP: {NAME|Helga Sorensen-Mbeki}, MD

Mr. {NAME|Qureshi} is a {-AGE|47}M with alcohol-associated cirrhosis (Child-Pugh C, MELD-Na 29), admitted {DATE|8/17} with septic shock from spontaneous bacterial peritonitis.

ICU course by system:
Neuro: grade 2 hepatic encephalopathy on admission, improved on lactulose titrated to 3-4 BMs/day and rifaximin. GCS 15 at transfer. CIWA 0; no withdrawal - last drink reportedly {DATE|July 30}.
CV: norepinephrine up to 18 mcg/min plus vasopressin 0.04 U/min; weaned off {DATE|8/20}. MAP >65 since. Albumin 1.5 g/kg day 1, 1 g/kg day 3.
Resp: intubated {DATE|8/17}-{DATE|8/19} for airway protection. Initial ABG 7.28/31/64 on 60% FiO2. Extubated to 2L NC; now RA.
Renal: AKI (Cr 2.4 -> 1.3), HRS-AKI considered, improved with albumin; no terlipressin needed.
ID: paracentesis {DATE|8/17}: PMN 1,840, cx E. coli (pan-sensitive). Ceftriaxone 2 g daily, day 6/7, then SBP prophylaxis with cipro.
GI: no GI bleed; EGD {DATE|8/21} showed small varices, started nadolol 20 mg daily.
Lines: R IJ CVC removed {DATE|8/21}; 2 PIVs.

Social: long-haul truck driver for {ORGANIZATION|Kestrel Freight Lines}; his truck (plate {VEHICLE|7TRK449}) was left at the {CITY|Orrin Falls} rest stop and was retrieved by his brother. Brother {NAME|Imran Qureshi} ({PHONE|559-555-0127}) is HCP. Patient is motivated for abstinence; SW {NAME|Lucía Benavides} provided AA and {ORGANIZATION|Harborlight Recovery} resources. Transplant hepatology referral to {ORGANIZATION|Sutter Ridge University Hospital} once 6 months sober.

Transfer to: Hepatology service, 9 West.
Accepting: Dr. {NAME|Yevgenia Morozova}.

{NAME|M. Okafor}, MD, MICU
""",
# 13
"""Record date: {DATE|2067-04-11}

RHEUMATOLOGY NEW PATIENT LETTER

{DATE|11 April 2067}

Dear Dr {NAME|Fairbanks},

Re: Ms {NAME|Chiamaka Obi-Nwankwo}, DOB {DATE|23.02.2035}, hospital no. {MRN|RX0093385}

I saw {NAME|Chiamaka} today in the Lupus Clinic at {ORGANIZATION|Kingsmere Royal Infirmary}. She is a {-AGE|32}-year-old pharmacist at {ORGANIZATION|Dalby Road Pharmacy} who developed a photosensitive malar rash, inflammatory arthralgia of the hands and mouth ulcers from {DATE|Mar 4th}, after a holiday in {-COUNTRY|Spain}. Raynaud phenomenon for 2 years. No pleuritic pain, no seizures, no foamy urine. Her aunt in {CITY|Umuokpara}, {-COUNTRY|Nigeria} has lupus.

On examination: BP 128/76, urinalysis 2+ protein, 1+ blood. Malar rash sparing the nasolabial folds. Synovitis of 2nd and 3rd MCPs bilaterally. Schirmer test normal. No lymphadenopathy.

Investigations: ANA 1:640 homogeneous, anti-dsDNA 210 IU/mL, C3 0.52, C4 0.06, direct Coombs positive, Hb 104, lymphocytes 0.7, creatinine 74, uPCR 112 mg/mmol.

Impression: Systemic lupus erythematosus (SLEDAI-2K 16) with probable lupus nephritis.

Plan:
1. Hydroxychloroquine 200 mg BD (baseline eye screening).
2. Prednisolone 30 mg daily, tapering.
3. Urgent renal biopsy - I have spoken to Dr {NAME|Olusegun Adebayo-Hart} in Renal.
4. Ramipril 2.5 mg once daily.
5. Contraception/pregnancy counselling - she plans to marry in {DATE|September}.
She can contact our specialist nurse {NAME|Bronwen Lloyd-Pritchard} on {PHONE|0161 555 0342} or {EMAIL|lupus.nurses@kingsmere-nhs.example}.

Yours sincerely,

Dr {NAME|Hamish Drummond-Kay}
Consultant Rheumatologist

cc: Ms {NAME|C. Obi-Nwankwo}, {ADDRESS|Flat 6, 19 Tanners Row}, {CITY|Wexcombe}, {ZIP|WX4 7QL}
""",
# 14
"""Record date: {DATE|2073-06-05}

PSYCHIATRY CONSULTATION - EMERGENCY DEPARTMENT

Patient: {NAME|Hope Castellanos}      MRN: {MRN|2209-4471-6}
Date: {DATE|06/05/2073}   Time: 22:15
Consultant: {NAME|Ivan Dragomirov}, MD (psychiatry resident); attending Dr. {NAME|Sunita Raghavan}

ID/CC: {-AGE|19} yo single female, college sophomore at {ORGANIZATION|Westbrook State University}, brought in by campus police after her roommate found her with an empty bottle of acetaminophen. "I just wanted to sleep."

HPI: Per pt, she has felt hopeless since breaking up with her boyfriend {NAME|Tyler} in {DATE|May}; poor sleep, anhedonia, failing two classes. Tonight at ~19:30 she ingested approx. 20 tabs of Tylenol 500 mg (10 g) and texted her roommate {NAME|Keisha} a goodbye message. 4-hr APAP level 118 mcg/mL, above the treatment line on the Rumack-Matthew nomogram; NAC started by ED. LFTs normal so far.

Past psych hx: one prior episode of passive SI at age {-AGE|16}, saw a counselor at {ORGANIZATION|Lindell High School}. No prior attempts, no inpatient stays. Takes sertraline 50 mg prescribed by student health, inconsistently.
Substance: EtOH on weekends (4-5 drinks), occasional cannabis vape.
Family: mother {NAME|Marisela} in {CITY|San Teodoro}, {-STATE|Texas} - notified by phone ({PHONE|(915) 555-0133}) with pt's consent; she is driving up tonight. Maternal uncle with bipolar disorder.

MSE: Appears stated age, tearful, poor eye contact. Speech soft, normal rate. Mood "empty". Affect constricted, congruent. TP linear. TC: endorses ongoing SI without plan, regrets survival "a little". No HI. No AH/VH. Insight/judgment poor. A&Ox3.
C-SSRS: actual attempt, high risk. PHQ-9 22.

Assessment: MDD, single episode, severe, without psychotic features; intentional acetaminophen overdose. High acute risk. We hope to engage her in treatment once medically cleared.
Plan:
1. Medical admission for NAC (21-hr protocol), 1:1 sitter, suicide precautions.
2. Involuntary hold initiated; psychiatric admission once medically cleared.
3. Hold sertraline for now.
4. Collateral from mother and roommate. Safety plan to be completed.
Discussed with Dr. {NAME|Raghavan}, who agrees.

{NAME|I. Dragomirov}, MD  ext. {PHONE|5-2208}
""",
# 15
"""Record date: {DATE|2021-03-04}

PULMONARY CLINIC NOTE

Patient: {NAME|Tendai Mavhunga}     MRN: {MRN|8842017}
Seen with: wife {NAME|Rutendo}
Referring: {NAME|Gareth Penhallow}, NP

HPI: {-AGE|66} yo M, former miner (22 years with {ORGANIZATION|Kaserwa Consolidated Mines} in {-COUNTRY|Zimbabwe}), 40 pack-year former smoker (quit {-DATE|2016}), with COPD GOLD 3 / group E, seen for follow up after hospitalization at {ORGANIZATION|Saint Brendan's Medical Center} {DATE|2/11/21}-{DATE|2/16/21} for AECOPD requiring BiPAP. Since discharge mMRC 3, CAT score 24. Uses Trelegy Ellipta daily and albuterol 4-6x/day. Two exacerbations in the past year. No home O2.

PFTs today: FEV1 0.98 L (34% predicted), FVC 2.41 L (62%), FEV1/FVC 0.41, DLCO 38%. 6MWT: 240 m, nadir SpO2 86% on RA.
ABG on RA: 7.38/49/58.
CT chest from {DATE|March 4}: centrilobular and paraseptal emphysema, upper lobe predominant; 6 mm RUL nodule stable since {-DATE|2019}; calcified pleural plaques.
Eos 410.

A/P:
1. Severe COPD with exertional and nocturnal hypoxemia - qualifies for home O2 2 L. Order sent to {ORGANIZATION|Brightwell Home Medical}.
2. Frequent exacerbator with eos >300: start dupilumab (Dupixent) 300 mg SC q2wk - prior auth pending.
3. Pulmonary rehab referral.
4. Alpha-1 antitrypsin: MM, 142 - normal.
5. Pleural plaques c/w prior asbestos exposure - documented for occupational history.
6. Vaccines: RSV today; Prevnar 20 given in {DATE|January}.
7. RTC 3 months. He has my cell {PHONE|607-555-0122} for after-hours questions.

{NAME|Wen-Li Ishikawa}, MD
Pulmonary and Critical Care Medicine
""",
# 16
"""Record date: {DATE|2092-12-02}

PEDIATRIC ED NOTE

Patient: {NAME|Nguyen, Bao An}    DOB: {DATE|2089-01-16}    MRN: {MRN|P-7704319}
Age: {-AGE|3 y 10 m}
Accompanied by mother {NAME|Tran Thi Lan} and grandmother; Vietnamese interpreter Mr. {NAME|Hoang} used throughout.

HPI: 5 days of fever to 40.1, irritability, bilateral non-exudative conjunctivitis, red cracked lips and strawberry tongue since {DATE|Nov 29}; rash on trunk. Seen at {ORGANIZATION|Sunnyside Pediatrics} on {DATE|the 30th} and diagnosed with a viral illness. Today has swollen red hands and feet. Attends {ORGANIZATION|Little Acorns Daycare}; sick contacts there.

Vitals: T 39.6 C, HR 168, RR 32, BP 94/52, SpO2 99%. Wt 14.8 kg.
Exam: irritable but consolable. Bilateral bulbar conjunctival injection sparing limbus. Fissured lips. Polymorphous maculopapular rash. Non-pitting edema of hands/feet. 1.8 cm right cervical node. Capillary refill < 2 s.

Labs: WBC 18.2, Hgb 10.1, Plt 498, CRP 11.4 mg/dL, ESR 92, ALT 78, albumin 2.9, Na 132, UA 15 WBC (sterile pyuria). BNP 410.
Echo: LAD Z-score +2.3, RCA Z +1.6, normal function.

Assessment: Complete Kawasaki disease, day 5 of fever, with LAD dilation.
Plan: admit to Pediatric Hospital Medicine. IVIG 2 g/kg over 12 h; aspirin 30-50 mg/kg/day divided q6h; repeat echo in 1-2 wks. Cardiology (Dr. {NAME|Mehta-Ostrowski}) aware. Hold live vaccines 11 months after IVIG. Discussed with mother via interpreter; father {NAME|Nguyen Van Duc} at work (nail salon, phone {PHONE|714 555 0139}).

{NAME|Sarah-Jane Okoye}, MD, Pediatric Emergency Medicine
""",
# 17
"""Record date: {DATE|2070-09-14}

UROLOGY CLINIC

{NAME|Hargrove, Winston P.}   MRN {MRN|1187-330}   DOB {DATE|09/02/1981}

{-AGE|89} yo man, retired Navy pilot, with Gleason 4+3=7 (Grade Group 3) prostate adenocarcinoma diagnosed {-DATE|2066}, on ADT (Eligard 45 mg q6mo, last {DATE|April 22}), here for PSA review. PSA 0.4 -> 1.9 -> 3.6 ng/mL over 6 months with castrate testosterone. PSMA PET {DATE|Sept 3}: 2 sclerotic rib lesions, no visceral disease. Mild fatigue. Still golfs on {-DATE|Tuesdays} with his friend {NAME|Marty Lujan}. Lives with his wife {NAME|Corinne} ({-AGE|86}) at {ORGANIZATION|Ashbury Commons} retirement community.

Exam: ECOG 1. BP 146/82. Non-tender spine.
Labs: Hgb 12.1, ALP 128, Cr 1.1, testosterone 18 ng/dL.

A/P: mCRPC, low-volume bone metastases.
- Add enzalutamide (Xtandi) 160 mg daily - monitor falls/fatigue given age.
- Continue Eligard; denosumab (Xgeva) 120 mg q4wk with Ca/vit D; dental clearance first (his dentist is Dr. {NAME|Ostrander}).
- Refer to Medical Oncology (Dr. {NAME|Gwendolyn Achterberg}).
- Goals of care: he wishes to continue treatment; HCP is his wife, backup daughter {NAME|Louisa Hargrove-Penn} ({PHONE|207-555-0181}).
RTC 3 months with PSA.

{NAME|Benedikt Sauer}, MD
""",
# 18
"""Record date: {DATE|2095-03-07}

HEPATOLOGY CONSULT

PATIENT: {NAME|Yousef Al-Harbi}
MRN: {MRN|900-21-7734}
DATE OF CONSULT: {DATE|March 7, 2095}
REQUESTING: {NAME|Clementine Baptiste}, MD (Hospital Medicine)

Reason: elevated transaminases and hemolytic anemia.

HPI: {-AGE|17} yo M, senior at {ORGANIZATION|Kessington Preparatory School}, admitted {DATE|03/04} with jaundice, fatigue and dark urine. Mother notes a new hand tremor and declining grades since {DATE|January}; the school counselor Ms. {NAME|Delacroix} called home about drooling and slurred speech. Family emigrated from {-COUNTRY|Saudi Arabia} in {-DATE|2086}; parents are first cousins. Older brother {NAME|Faisal} died at age {-AGE|15} of "liver failure".

Exam: jaundiced. Kayser-Fleischer rings on slit lamp (confirmed by Dr. {NAME|Anand Krishnamoorthy}, Ophthalmology). Dysarthria, wing-beating tremor. No asterixis. Spleen tip palpable.

Labs: T bili 9.8, ALT 142, AST 310, ALP 34 (low), Hgb 8.1, retic 9%, direct Coombs negative, haptoglobin < 10, ceruloplasmin 6 mg/dL, 24-h urine copper 1,450 mcg, INR 2.0, albumin 2.8. Leipzig score 8.

Assessment: Wilson disease presenting with acute liver injury, Coombs-negative hemolysis and neuropsychiatric involvement. New Wilson Index currently 9 (>= 11 predicts death without transplant).

Plan:
- Start trientine 250 mg TID (avoid penicillamine given neuro sx); zinc later.
- Low-copper diet.
- Liver transplant evaluation at {ORGANIZATION|Marrowdale University Medical Center}; spoke with transplant coordinator {NAME|Geraldine Huxtable} ({PHONE|(412) 555-0160 ext. 3}).
- MRI brain.
- Screen siblings {NAME|Lina} ({-AGE|12}) and {NAME|Omar} ({-AGE|9}) with ceruloplasmin, LFTs and ATP7B genetics.
- Genetic counseling.

{NAME|Mireille Fontaine-Adjei}, MD, Transplant Hepatology
""",
# 19 -- patient C, visit 1
"""Record date: {DATE|2081-10-26}

PRIMARY CARE - {ORGANIZATION|Westgate Family Health}

{NAME|Dariusz Kowalczyk} ({-AGE|52} y.o.)
MRN {MRN|40-55-921}

CC: f/u HTN, "moon face"

{NAME|Dariusz} was last seen {DATE|8/3/81}. Since then he has gained 11 kg, with new purple striae, easy bruising and proximal weakness climbing stairs at work ({ORGANIZATION|Halloway Steel Fabrication}). BP on home cuff 150s-160s/90s. No steroid use (oral, inhaled, topical or injected) - he specifically declined the Kenalog shots his chiropractor offered.

PE: BP 168/98, HR 80, Wt 104 kg. Plethoric round face, dorsocervical fat pad, wide violaceous abdominal striae > 1 cm. Hip flexor strength 4/5 bilaterally.
Labs: K 3.1, glucose 188, A1c 7.0%.

A/P:
# Suspected Cushing syndrome - 1 mg overnight dexamethasone suppression test, late-night salivary cortisol x2, 24-h UFC. If positive -> Endocrinology (Dr. {NAME|Mbali Dlamini}).
# HTN - add amlodipine 10 mg; hypokalemia -> switch HCTZ to spironolactone 25 mg.
# New DM - metformin 500 mg BID, diabetes education.
# Preventive: colonoscopy due; Cologuard declined.
Will email results to pt at {EMAIL|dkowalczyk.home@mailbox.example} per his preference.

{NAME|Ellen Fairweather-Osei}, MD
""",
# 20 -- patient C, visit 2
"""Record date: {DATE|2081-12-09}

ENDOCRINOLOGY NEW CONSULT

Patient: {NAME|Kowalczyk, Dariusz J}    MRN {MRN|4055921}
Referred by Dr. {NAME|E. Fairweather-Osei}

{-AGE|52}M with cushingoid features. Work-up by PCP: 1 mg DST cortisol 14.2 mcg/dL (nl < 1.8), LNSC 0.41 and 0.38 (4-5x ULN), UFC 420 mcg/24h. ACTH 68 pg/mL (non-suppressed), i.e. ACTH-dependent.
Pituitary MRI ({DATE|Dec 2nd}): 7 mm hypoenhancing lesion in the left adenohypophysis.
High-dose DST: > 50% suppression. CRH stimulation consistent with a pituitary source.

Impression: ACTH-dependent Cushing syndrome, most likely Cushing disease (pituitary microadenoma). IPSS could be considered, but the MRI lesion is > 6 mm with concordant dynamic testing.

Plan:
- Neurosurgery referral: transsphenoidal resection with Dr. {NAME|Aurelio Benedetti} at {ORGANIZATION|Calloway Neuroscience Institute}.
- Pre-op: ketoconazole vs metyrapone if surgery delayed > 4 weeks.
- PJP and VTE prophylaxis peri-op.
- Hold off on bisphosphonate until DXA.
He asked that his brother-in-law {NAME|Stan} (a nurse) be included in calls; consent on file.
Next visit {DATE|Jan. 6, 2082}.

{NAME|Mbali Dlamini}, MBChB, FCP(SA)
""",
]

# ---------------------------------------------------------------------------
# 15 ICU / ward nursing notes
# ---------------------------------------------------------------------------
NURSING = [
# 01
"""micu nsg progress note 0700-1900
pt mr. {NAME|nakagawa}, {-AGE|71}yo m, hd#5 urosepsis.
neuro: a&ox2, not oriented to time. follows commands, mae. pupils 3mm perrl. cam-icu neg. no sedation since 0900. pain 3/10 abd, tylenol 650 mg pr @1400.
resp: 4L nc, sats 93-96%. ls coarse bilat, diminished bases. strong cough, sputum thick tan, sent for cx. IS q1h w/ encouragement.
cv: nsr 80s-90s, occ pvc. bp 110s/60s. +1 edema BLE. heparin gtt @ 1100 units/hr, ptt 68 @1300 -> no change per protocol.
gi: abd soft, distended, +bs. tolerating clears. no bm this shift. colace/senna given.
gu: foley d/c'd @1000 per order, voided 350cc @1600.
skin: stage 2 coccyx, mepilex changed. turned q2h.
id: tmax 100.9 @1200, bld cx x2 sent, vanc/zosyn cont.
social: daughter {NAME|rosa} and son-in-law {NAME|kenji} visited 1500-1800, updated by dr. {NAME|hallorann}. {NAME|rosa} asks to be called at {PHONE|555-0167} w/ any changes, lives in {CITY|millbrook junction} about 40 min away.
plan: cont abx, PT eval in am, ?call out to floor tomorrow.
-- {NAME|j. kowalski}, rn
""",
# 02
"""NURSING ADMISSION NOTE - 4 WEST STEP DOWN
PT ADMITTED FROM ED @ 2215 VIA STRETCHER, ACCOMPANIED BY WIFE {NAME|MAUREEN}.
{-AGE|78}YO M S/P FALL AT HOME IN {CITY|EAST HARLOW}, +LOC, FOUND BY NEIGHBOR. CT HEAD NEG.
HX: AFIB ON COUMADIN, CHF, DM2, PARKINSON'S.
INR 3.4 -> 2 UNITS FFP GIVEN IN ED, VIT K 10MG IV.
neuro: a&ox3, slow to respond, resting tremor r hand. gcs 15.
cv: afib 70s-100s, bp 140s/70s.
resp: ra, sats 95%.
gu: voiding via urinal, 200cc amber.
skin: abrasion l elbow, skin tear r forearm dressed w/ xeroform.
safety: bed alarm on, high fall risk (morse 65), bed low, sitter requested.
PCP DR. {NAME|ADEBAYO} PAGED @ 2300, AWARE. HOSPITALIST DR. {NAME|NAKASHIMA} AT BEDSIDE @ 2320.
WIFE {NAME|MAUREEN O'FALLON} CELL {PHONE|(603) 555-0119}. PT IS RETIRED FROM {ORGANIZATION|NORTHFIELD TELEPHONE CO}.
-- {NAME|TMR}, RN
""",
# 03
"""CVICU NSG NOTE 1900-0700
s/p CABG x3 (LIMA-LAD, SVG-OM, SVG-PDA) on {DATE|2/9} w/ dr. {NAME|vasquez-holt}.
neuro: rass -1 to 0, propofol off @2030, extubated @2315 w/o difficulty. a&ox3 by 0200. moving all ext. pain 6/10 incisional -> dilaudid 0.5mg iv x2, then 2/10.
cv: a-paced 90 via epicardial wires, underlying SR 70s. swan-ganz: CI 2.2-2.6, PA 34/18, CVP 8-11, SvO2 68%. levophed weaned off @0100. MAP 68-80. K 3.6 -> 40 meq KCl, Mg 1.8 -> 2 g.
resp: 4L NC, sats 96%, IS 750. CT x2 mediastinal/L pleural: 180cc serosang total overnight, no air leak.
gu: foley, 60-120cc/hr. lasix 20 iv @0500.
endo: insulin gtt per Portland protocol, BG 120-160.
skin: sternal and L leg incisions c/d/i. bair hugger off @2100, T 98.8.
family: wife {NAME|lorraine} called @2200 & 0600, updated. son {NAME|DeShawn} flying in from {CITY|Kellerton} tomorrow.
plan: d/c swan & a-line this am, OOB to chair, transfer to step-down if stable.
{NAME|P. Okonkwo-Reyes} RN
""",
# 04
"""neuro icu nursing 0700-1500
pt {NAME|ivanova, svetlana}, {-AGE|54}f, HD#4 SAH (hunt-hess 3, fisher 4) s/p coiling of acomm aneurysm {DATE|10/14}.
neuro: GCS 13 (E3V4M6), intermittently confused, oriented to self/place. pupils 3 brisk. no drift. EVD open @ 10 cmH2O, draining 8-12 ml/hr clear yellow, ICP 6-14. nimodipine 60mg q4h via ngt, held @1100 for SBP 108 -> given @1200 after 500cc bolus.
TCDs this am: MCA velocities 110s L, 90s R. no vasospasm per dr. {NAME|oyelaran}.
cv: sbp goal 120-160, NSR 60s-70s.
resp: RA, sats 97%.
gi: npo except meds, speech eval pending.
gu: foley, 150-250 ml/hr, Na 137 -> q6h Na checks (CSW vs SIADH).
social: husband {NAME|Pavel} and daughter {NAME|Nadia} here all day; family meeting @1330 w/ dr. {NAME|oyelaran}, sw {NAME|brenda tuttle} and chaplain fr. {NAME|benedict amaechi}. {NAME|pavel} asked about FMLA paperwork for his job at {ORGANIZATION|Tri-County Transit}.
""",
# 05
"""5 south med/surg 1500-2300
pt confused this evening, pulled at IV x2, reoriented. sitter {NAME|marcus} at bedside from 1800. pt keeps asking for "{NAME|bessie}" - per daughter this is her sister who passed away.
hx dementia, admitted for cellulitis RLE. vanc trough due @2130.
vs: T 99.4, HR 94, BP 152/80, RR 18, SpO2 95% RA.
skin: RLE erythema receding from marked border, elevated on pillows.
ate 25% dinner, ensure x1.
daughter {NAME|jolene harrigan} called @1930 - lives in {CITY|west tamsworth}, will come in am. she asked that we NOT give haldol (pt had a bad reaction at {ORGANIZATION|st. ansgar nursing home}). noted in chart, dr. {NAME|aguilar-mendes} aware, melatonin ordered instead.
-- {NAME|kb}, lpn
""",
# 06
"""NICU nursing note 1900-0700
baby boy {NAME|adeyemi} (parents call him {NAME|tobi}), GA 31+2, DOL 6, wt 1.42 kg (+20g).
resp: bubble CPAP +6, FiO2 21-25%. 2 brady/desat episodes @0210 and 0445, self-resolved. caffeine citrate cont.
fen: OG feeds EBM 24 ml q3h, tolerating, min residuals. TPN/IL via PICC (R arm) @ 4 ml/hr.
skin: intact. bili 9.2 -> phototherapy cont (bili blanket).
temp stable in isolette 36.8-37.1.
parents: mom {NAME|funmilayo} in for kangaroo care 2100-2230, pumping well. dad {NAME|segun} called from work @0300 (nights at {ORGANIZATION|Ridgeline Distribution Center}). mom d/c'd home from postpartum on {DATE|11/3}, rides the bus from {CITY|Corran Falls}; sw to help w/ parking/transit vouchers.
{NAME|ana lucia ferreira}, rn
""",
# 07
"""ONC UNIT 6B NURSING 0700-1900
PT: {NAME|BOUCHARD, GILLES} {-AGE|61}M AML DAY +12 S/P 7+3. NEUTROPENIC (ANC 0).
@0930 T 101.4, rigors. blood cx x2 (periph + hickman), UA/cx. cefepime 2g IV started @1010 (within 60 min).
HR 118 -> 96 after 1L LR. bp 102/58 -> 114/64.
plt 8 -> 1 unit plt @1300, post count 27. hgb 7.2 -> 1 unit prbc @1500.
mucositis grade 2, magic mouthwash.
hickman dressing changed, site clean.
neutropenic precautions, no fresh flowers (daughter brought some - explained).
pt speaks french; daughter {NAME|Elodie} interprets, lives in {CITY|Port Addison}, ph {PHONE|207.555.0104}. wife {NAME|Ginette} at bedside overnight.
onc fellow dr. {NAME|sharma-whitley} and attending dr. {NAME|MacAulay} aware of fever.
-- {NAME|R. Mbeki-Stone} RN
""",
# 08
"""ED TRIAGE NOTE 14:52
{-AGE|34} y/o F ambulatory to triage c/o severe HA since 11:00, "worst of my life", + neck stiffness, photophobia, vomited x2. no trauma.
hx: migraines, on OCP. meds: sumatriptan prn, took 1 @ 12:00 w/o relief.
VS: BP 168/96 HR 104 RR 20 T 37.4 SpO2 99% pain 10/10.
neuro: a&ox4, GCS 15, no facial droop, speech clear, grips equal.
ESI 2. to rm 14. dr. {NAME|Lachance} at bedside 15:00, CT head ordered.
partner {NAME|Jordan Wexley} in waiting room, ph {PHONE|(802) 555-0198}. pt works as a barista at {ORGANIZATION|Cobblestone Coffee Co.}; partner drove her in.
triage rn: {NAME|AH}
""",
# 09
"""psych inpt unit - nursing 2300-0700
pt {NAME|darnell}, {-AGE|26}m, day 3. slept approx 4 hrs. up @0245 pacing hallway, states the tv is "sending messages", redirected.
q15 min checks maintained. no SI/HI voiced.
accepted prn ativan 1mg po @0300 w/ good effect, slept 0330-0630.
vitals @0600: BP 128/84 HR 76.
pt requested to call his mother {NAME|Loretta} in {CITY|Fenwick}, call placed @0615, 10 min, pt calm afterward.
court hearing re: commitment (docket {ID|94-MH-0417}) on {DATE|the 21st}; pt aware.
reminded of treatment team mtg @1000 w/ dr. {NAME|chowdhury}. belongings locker checked.
{NAME|h. aldana} rn
""",
# 10
"""acute rehab nursing 0700-1500
mrs. {NAME|gallagher}, {-AGE|82}yo s/p L TKA {DATE|6/2}.
worked w/ PT ({NAME|tomás}) & OT x2 today, ambulated 150 ft w/ RW, CGA. knee flex 85 deg.
pain 4/10 w/ oxycodone 5mg before therapy.
cryo cuff on/off q1h. incision w/ steri-strips, no drainage.
lovenox 40 sc @0900.
bowel: BM x1, miralax held.
d/c planning: home w/ husband {NAME|frank} on {-DATE|Friday}; house in {CITY|Ashgrove} has 4 steps to enter. VNA referral sent to {ORGANIZATION|Ashgrove Visiting Nurse Assoc}.
{NAME|Mei-Ling Cho}, RN
""",
# 11
"""OUTPT HEMODIALYSIS - TX NOTE {DATE|09/26}  chair 7
pt {NAME|ALVARADO, REYNALDO}, {-AGE|59}M, ESRD 2/2 DM, MWF schedule.
pre: wt 88.9 kg (EDW 86.0), BP 172/94, HR 82, T 97.9. L AVF +thrill/+bruit, cannulated 15g x2 w/o difficulty.
tx: 4 hrs, BFR 400, DFR 600, 2K/2.5Ca bath, UF goal 3.0 L. heparin 2000 u bolus.
@1045 BP 96/50, c/o cramping -> UF paused, NS 200 cc, trendelenburg. resolved.
post: wt 86.4, BP 148/82.
pt missed {-DATE|Wednesday} tx d/t ride issue - {ORGANIZATION|Sunbelt Medi-Van} transport no-show; SW {NAME|Kimberly Oyelowo} following.
K 6.1 pre-tx, 2K bath.
nephrologist dr. {NAME|Ferreira-Lund} rounded, EDW lowered to 85.5.
next tx {DATE|9/28}.
{NAME|LB}, RN
""",
# 12
"""L&D nursing note
pt {NAME|Ayesha Siddiqa}, {-AGE|31}yo G2P1 @ 39+4, admitted {DATE|12/19} @0400 for SROM.
0400 SROM clear fluid at home @0130. cx 4/70/-1.
0600 epidural placed by dr. {NAME|Kwiatkowski} (anesthesia), pt comfortable.
0900 cx 7/90/0. pitocin 2 mu/min per protocol.
1130 FHR cat II, recurrent variables -> position change, amnioinfusion started; dr. {NAME|Laurentiu Popescu} at bedside.
1242 SVD of viable female, apgars 8/9, wt 3.46 kg. 2nd degree lac repaired.
EBL 350 ml. fundus firm u/u.
baby named "{NAME|Zara}", skin-to-skin, breastfeeding initiated.
husband {NAME|Imtiaz} present for delivery. pt's mother is visiting from {-COUNTRY|Pakistan} and staying w/ family in {CITY|Fenwick}.
{NAME|C. Ng} RN
""",
# 13
"""SICU NSG NOTE 1900-0700
{-AGE|23} yo M unrestrained driver, MVC on {DATE|8/30} ~2100.
injuries: L femur fx s/p IMN, splenic lac gr 3 (non-op), L PTX w/ chest tube, R radius fx splinted.
neuro: GCS 14 (E4V4M6), amnestic to event, CT head neg.
resp: L CT to -20 sxn, no air leak, 40cc serosang. 3L NC sats 96.
cv: HR 110s, BP 120s/70s, hgb 8.9 -> 8.4 -> 8.6, serial abd exams soft.
gu: foley, uop 50-80/hr, urine tox + THC.
pain: dilaudid PCA, 4/10.
social: parents {NAME|Gustavo} and {NAME|Araceli} here from {CITY|Velden Springs}. police (officer {NAME|Brennan}, badge {ID|2217}) came @2330 re: accident report, pt declined to speak until morning. pt's car (silver sedan, plate {VEHICLE|KXR 4419}) towed to {ORGANIZATION|Dalton's Auto Salvage}.
{NAME|SRW}, RN
""",
# 14
"""HOSPICE RN HOME VISIT {DATE|04-11-2023} 10:15-11:20
pt: {NAME|Eudora Pennington}, {AGE|96} yo, end-stage CHF.
address: {ADDRESS|17 Larkspur Way}, {CITY|Millbrook Junction}.
pt resting in hospital bed in living room, granddaughter {NAME|Tamsin} (primary cg) present.
pain 2/10 (PAINAD), morphine 5 mg SL q2h prn used x2 overnight.
resp: RR 24, mild dyspnea at rest, O2 2L via home concentrator (serial {DEVICE|CN-88412-7}).
edema 3+ BLE to knees, skin intact, heels offloaded. braden 12.
intake: few sips ensure, 2 bites applesauce.
comfort kit in fridge, cg educated on lorazepam 0.5 mg for anxiety.
pt's son {NAME|Harold} in {-STATE|Arizona} updated by phone.
chaplain visit scheduled for {DATE|4/13}. next RN visit {-DATE|Thursday}.
{NAME|M. Ostrowska}, RN, {ORGANIZATION|Evening Star Hospice}
""",
# 15
"""nursing transfer report
RN-to-RN report called @1640 to {NAME|Shauna} (3 East) at {ORGANIZATION|Delmore Regional Medical Center}.
pt {NAME|WOJCIECHOWSKI, HENRYK} {-AGE|67} M transferring from our ICU for cardiac surgery eval (severe AS, AVA 0.7).
Impella CP placed {DATE|1/7}. transport by {ORGANIZATION|Meridian Air Medical}.
lines: R fem impella, L radial a-line, R IJ TLC, PIV x2.
gtts: heparin 900 u/hr (purge), dobutamine 2.5.
last vs 1620: HR 88 SR, BP 98/64, MAP 74, SpO2 97 2L.
labs: hgb 9.6, plt 142, cr 1.4, lactate 1.6.
belongings: glasses, upper denture, wallet given to wife {NAME|Halina}. she is driving separately; cell {PHONE|860-555-0115}.
code status full. receiving MD dr. {NAME|Abiodun Fashola}.
-- {NAME|jmk} rn
""",
]

# ---------------------------------------------------------------------------
# 15 short clinician questions / messages
# ---------------------------------------------------------------------------
QUERIES = [
"""pls check if {NAME|Aisha Rahmani} dob {DATE|3/4/21} mrn {MRN|6620183} is due for her 4 month vaccines""",
"""Interaction between Xarelto and diltiazem for {NAME|Harold Beckwith}, {AGE|91}yo, CrCl 28?""",
"""Can someone call Mrs. {NAME|Yamamoto} at {PHONE|408-555-0172} about her MRI from {DATE|03-04-2021}? She has not heard back.""",
"""verify coverage: {NAME|Jamal Whitaker-Ross} DOB {DATE|2021-03-04}, member ID {HEALTH_PLAN|YLQ30048812}, group {HEALTH_PLAN|0078342}""",
"""email the discharge instructions to {EMAIL|b.okonjo77@fastmail.example} for {NAME|Bartholomew Okonjo} (MRN {MRN|3318870}) - he lost the paper copy""",
"""Parkinson's pt on Sinemet 25/100 TID now hallucinating - switch to what? Nuplazid vs Seroquel?""",
"""home health referral for {NAME|Valentina Ruiz-Carmona}, {ADDRESS|2204 Orchard Crest Dr Apt 11}, {CITY|Velden Springs} {-STATE|CO} {ZIP|80927}, ph {PHONE|719-555-0158}""",
"""labs from the Internal Medicine clinic visit on {DATE|the 4th} for {NAME|Pham, Quoc Minh} never resulted - redraw?""",
"""SSN {SSN|531-62-7718} pulls up 2 charts for {NAME|Maria Elena Soto} with different DOBs ({DATE|7/8/1954} and {DATE|8/7/1954}) - merge?""",
"""is Bell's palsy after a Moderna booster reportable to VAERS? pt {NAME|KT}, {-AGE|45}F""",
"""who covers for Dr. {NAME|Winslow} in {DATE|March}? need a cosign on {NAME|Gabriel Osei}'s Foley order""",
"""{DATE|Mar 4th} CT for {NAME|Ngozi Eze} shows a 4 mm RLL nodule, never smoker - Fleischner says no f/u?""",
"""hgb 6.9 in {AGE|90} y/o on eliquis, son {NAME|Rick} wants him transferred to {ORGANIZATION|Pinecrest Veterans Home} tonight - safe?""",
"""pt {NAME|Ekaterina Sokolova} can't log into {URL|https://portal.hollisterhealth.example/login}, last attempt from {IP|73.119.42.208} was locked out""",
"""pharmacy at {ORGANIZATION|Greenbriar Drug} wants to verify Dr. {NAME|Kessler}'s DEA {LICENSE|BK8820417} for the oxycodone script, call them at {PHONE|(336) 555-0114}""",
]

# ---------------------------------------------------------------------------
# 10 varied documents
# ---------------------------------------------------------------------------
MISC = [
# 01 referral letter
"""{ORGANIZATION|Cedar Hollow Pediatric Associates}
{ADDRESS|2750 Birchwood Parkway, Suite 210}
{CITY|Kellerton}, {-STATE|OR} {ZIP|97381}
Phone {PHONE|(503) 555-0175} | Fax {FAX|(503) 555-0176}
{URL|www.cedarhollowpeds.example.com}

{DATE|October 14, 2024}

{NAME|Rosalind Achebe-Kim}, MD
Pediatric Gastroenterology
{ORGANIZATION|Columbia Valley Children's Hospital}
{ADDRESS|900 Riverbend Drive}
{CITY|Portsmere}, {-STATE|OR} {ZIP|97204}

Re: {NAME|Ilya Petrenko}    DOB: {DATE|04/27/2016}

Dear Dr. {NAME|Achebe-Kim},

I am referring {NAME|Ilya}, an {-AGE|8}-year-old boy, for evaluation of suspected celiac disease. He has had intermittent abdominal pain, bloating and loose stools for about a year, and his weight has fallen from the 50th to the 15th percentile since {DATE|May}. A tTG-IgA on {DATE|Oct 2} was 142 U/mL (reference < 4) with a normal total IgA. Hemoglobin 10.6, ferritin 6. He has no family history of celiac disease, though his maternal grandmother has Hashimoto thyroiditis. He has not yet started a gluten-free diet, per your office's instructions.

His mother, {NAME|Yulia Petrenko}, can be reached at {PHONE|503-555-0192} or {EMAIL|yulia.petrenko@postmail.example}. The family lives at {ADDRESS|614 SE Hazelnut Court}, {CITY|Kellerton}, {-STATE|OR} {ZIP|97381}. He is in 3rd grade at {ORGANIZATION|Fernhill Elementary}. Medicaid ID {HEALTH_PLAN|OR4417720931}.

Thank you for seeing him.

Sincerely,

{NAME|Nathaniel Osei-Whitmore}, MD, FAAP
""",
# 02 radiology report
"""{ORGANIZATION|NORTHGATE COMMUNITY HOSPITAL} - DEPARTMENT OF RADIOLOGY

PATIENT: {NAME|DEMBÉLÉ, AMINATA}    MRN: {MRN|NG00739124}    DOB: {DATE|1962-11-05}
ACCESSION: {ID|RAD-24-0918833}
EXAM: MRI BRAIN WITH AND WITHOUT CONTRAST
EXAM DATE: {DATE|09/18/2024} 08:42
ORDERING: {NAME|PARDEE, GENEVIEVE} MD

CLINICAL HISTORY: {-AGE|61} yo F with new left arm weakness. Pacemaker.

DEVICE: MR-conditional pacemaker (Abbott Assurity MRI PM2272, serial {DEVICE|7734519}). Device programmed to MRI mode by {NAME|Kenji Watanabe-Ross}, CDRS, before the scan and restored afterward. Scanned at 1.5T within manufacturer labeling.

TECHNIQUE: Multiplanar multisequence MRI of the brain before and after 7 mL gadobutrol (Gadavist).
COMPARISON: CT head {DATE|9/16/24}.

FINDINGS:
1.4 x 1.1 cm focus of restricted diffusion in the right precentral gyrus with corresponding FLAIR hyperintensity and no enhancement, consistent with an acute infarct in the right MCA territory. No hemorrhage. Scattered periventricular white matter T2 hyperintensities (Fazekas grade 2). Chronic lacune in the left thalamus. Normal flow voids in the circle of Willis. No Chiari malformation. Sella, orbits and mastoid air cells unremarkable.

IMPRESSION:
1. Acute right precentral gyrus infarct (right MCA territory).
2. Moderate chronic small vessel ischemic disease (Fazekas 2).
Findings discussed with Dr. {NAME|Pardee} by phone at 10:05 on {DATE|9/18/2024} with read-back.

Dictated by: {NAME|Olamide Fagbemi}, MD
Signed: {DATE|09/18/2024} 10:22
""",
# 03 pathology report
"""SURGICAL PATHOLOGY REPORT
{ORGANIZATION|Bayfront Pathology Associates}, {ADDRESS|45 Wharf Street}, {CITY|Port Addison}, {-STATE|ME} {ZIP|04112}

Patient: {NAME|Thornbury, Gideon R.}      Accession: {ID|S24-11873}
MRN: {MRN|PA-0044718}    DOB: {DATE|Jul 19, 1958}    Sex: M
Collected: {DATE|08/06/2024}   Received: {DATE|08/06/2024}   Reported: {DATE|08/09/2024}
Submitting physician: {NAME|Farah Nazari}, MD, {ORGANIZATION|Port Addison Urology}
Specimen: A. Prostate, right, needle biopsies x6; B. Prostate, left, needle biopsies x6
Clinical: {-AGE|66} yo M, PSA 9.8, PI-RADS 4 lesion left PZ.

DIAGNOSIS:
A. Prostate, right, needle biopsies: Benign prostatic tissue. No high-grade PIN.
B. Prostate, left, needle biopsies: Prostatic adenocarcinoma, Gleason score 3+4=7 (Grade Group 2), involving 3 of 6 cores and 40% of submitted tissue; maximum linear extent 6 mm. Pattern 4 comprises 20%. Perineural invasion present. No extraprostatic extension identified.

Immunostains: p63 and HMWCK (34βE12) show absence of basal cells in the atypical glands; AMACR (P504S) positive. Controls appropriate.

Gross: A. Received in formalin labeled with the patient's name and "right", six cores 0.8-1.5 cm, entirely submitted in A1-A3. B. Received in formalin labeled with the patient's name and "left", six cores 0.6-1.4 cm, entirely submitted in B1-B3.

Case discussed with Dr. {NAME|Nazari} on {DATE|8/9}.

Electronically signed: {NAME|Constance Ilunga}, MD, Pathologist, {DATE|08/09/2024} 15:47
""",
# 04 phone message
"""TELEPHONE ENCOUNTER
Date/time: {DATE|3/4/21} 9:47 AM
Caller: {NAME|Delphine Moreau-Sall} (daughter)
Patient: {NAME|Moreau, Henri}    DOB {DATE|12/01/1930}    MRN {MRN|0093-7715}
Callback: {PHONE|(305) 555-0153} (cell) / {PHONE|305 555 0150 x212} (work)
Message: Daughter reports pt ({AGE|90} y/o) more confused since yesterday, not eating, urine "smells strong". Asks whether he needs to be seen or can drop off a urine sample at {ORGANIZATION|Coral Haven Medical Labs} on {ADDRESS|NW 12th Ave}. Also needs refills of donepezil 10 mg and tamsulosin 0.4 mg sent to {ORGANIZATION|Bayside Corner Pharmacy} (fax {FAX|305-555-0166}).
Routed to: {NAME|Lorena Quintanilla}, RN -> Dr. {NAME|Abdirahman Warsame}

RN note: Spoke with {NAME|Delphine} at 10:20. No fever reported, drinking less. Advised same-day visit; appointment made today 2:40 PM with Dr. {NAME|Warsame}. If he worsens, go to the ED. She verbalized understanding. Refills sent. - {NAME|LQ}
""",
# 05 patient portal message (first person)
"""Subject: question about my son's inhaler

Hi Dr. {NAME|Abernethy-Ruiz},

This is {NAME|Carmen Villalobos} (DOB {DATE|6/14/1987}). My son {NAME|Mateo} ({-AGE|8}) had another asthma attack at school yesterday. The nurse at {ORGANIZATION|Hawthorne Elementary} called me at work (I'm at {ORGANIZATION|Delgado & Finch Accounting}) and I had to leave early to pick him up. He used his albuterol twice and was ok after that, but this is the third time since {DATE|September}.

Can he go back up to the purple inhaler (Advair) twice a day like last winter? Also the school needs the asthma action plan form signed before {DATE|the 14th} or he can't keep his inhaler in the classroom.

We moved last month so please update our address to {ADDRESS|3318 Juniper Hollow Lane}, {CITY|Orrin Falls}, {-STATE|NM} {ZIP|88041}. My new cell is {PHONE|575-555-0139}. You can also email me at {EMAIL|carmen.villalobos.m@inbox.example}.

His dad {NAME|Luis} has the old inhalers, I'll check if they are expired.

Thank you!
{NAME|Carmen}
""",
# 06 transfer note between facilities
"""INTERFACILITY TRANSFER SUMMARY
Sending facility: {ORGANIZATION|Saint Brendan's Medical Center}, {CITY|Orrin Falls}, {-STATE|NM}
Receiving facility: {ORGANIZATION|Marrowdale University Medical Center}, Neuro ICU
Date of transfer: {DATE|2024-01-07}
Patient: {NAME|Ximena Bustamante}    DOB: {DATE|11-30-1990}    MRN (sending): {MRN|SB-2290417}
Sending physician: {NAME|Gregor Lindahl-Mensah}, MD (Hospitalist)
Accepting physician: Dr. {NAME|Yaw Boateng-Frost}, Neurocritical Care
Report called to: {NAME|Priscilla Haugen}, RN, at {PHONE|(505) 555-0189}

Reason for transfer: refractory status epilepticus, need for continuous EEG monitoring (not available at sending facility).

Summary: {-AGE|33}-year-old woman with epilepsy since childhood (followed by Dr. {NAME|Ibarra} at {ORGANIZATION|Desert Bloom Neurology}) found by her roommate at 05:30 with repeated generalized seizures. Received lorazepam 4 mg IV x2, then levetiracetam (Keppra) 60 mg/kg load, then fosphenytoin 20 PE/kg without cessation; intubated at 07:10 and started on midazolam infusion. Clinical seizures stopped at 07:40. Levels: phenytoin 14.2. Missed doses of lamotrigine over the past week per roommate. CT head negative. LP deferred; afebrile, WBC 9.8.

Current: midazolam 0.2 mg/kg/h, propofol 30 mcg/kg/min, fentanyl 50 mcg/h. Vent AC 16/450/+5/40%. BP 112/70, HR 96, T 37.2. GCS 3T (sedated). Pupils 3 mm reactive.

Records (CT on disc, MAR, labs) sent with the crew; please fax admission H&P to {FAX|(505) 555-0190}.
Emergency contact: mother {NAME|Graciela Bustamante}, {PHONE|505-555-0177}.
Transport: {ORGANIZATION|Mesa Critical Care Transport}, unit departed 11:25.
""",
# 07 prior authorization letter
"""{DATE|May 6, 2024}

VIA FAX: {FAX|1-888-555-0107}
Pharmacy Benefits - Utilization Management

RE: Prior authorization request - dupilumab (Dupixent)
Patient: {NAME|Marisol Quiñones-Abbott}
DOB: {DATE|February 29, 1996}
Member ID: {HEALTH_PLAN|QAX-600-214-778}
Group #: {HEALTH_PLAN|GRP-44910}
Clinic account #: {ACCOUNT|88-4401-23}

To whom it may concern,

I am writing to request coverage of dupilumab 300 mg SC every 2 weeks (after a 600 mg loading dose) for my patient, a {-AGE|28}-year-old woman with severe atopic dermatitis (EASI 31, BSA 42%, DLQI 19) since childhood. She has failed high-potency topical steroids (clobetasol 0.05%), tacrolimus 0.1% ointment, and 16 weeks of narrowband UVB (course ended {DATE|Feb 2}). Cyclosporine is contraindicated because of hypertension. Her eczema has caused recurrent skin infections and missed work as a dental hygienist at {ORGANIZATION|Brightsmile Family Dentistry}.

Please contact my office with any questions.

{NAME|Leopold Adeyinka-Marsh}, MD
{ORGANIZATION|Sandstone Dermatology Clinic}
NPI {ID|1487702219}   State license {LICENSE|MD.0441872}
Phone {PHONE|(480) 555-0128}   Fax {FAX|(480) 555-0129}
""",
# 08 release of information form
"""AUTHORIZATION FOR RELEASE OF PROTECTED HEALTH INFORMATION

Patient name: {NAME|Olumide Fashanu-Grant}          Date of birth: {DATE|08-14-1979}
SSN: {SSN|508-41-7726}          Driver's license: {-STATE|WI} {LICENSE|F440-2771-9338-01}
Address: {ADDRESS|1189 Lakeview Terrace, Unit 3}, {CITY|Fenwick}, {-STATE|WI} {ZIP|53719}
Phone: {PHONE|608 555 0136}     Email: {EMAIL|ofgrant@letterbox.example}

I authorize: {ORGANIZATION|Glenmorrow Health} (all sites)
to release to: {NAME|Theresa Vukovich}, Esq., {ORGANIZATION|Vukovich & Amadi LLP}, {ADDRESS|300 Capitol Square, 9th Floor}, {CITY|Fenwick}, {-STATE|WI} {ZIP|53703}

Information to be released: office notes, imaging reports, operative reports and billing records for dates of service {DATE|01/01/2023} through {DATE|06/30/2024} related to injuries from a fall at work.
Purpose: legal / workers' compensation claim {ID|WC-23-0081174}.
This authorization expires on {DATE|December 31, 2025}.

Signature of patient: {NAME|Olumide Fashanu-Grant}     Date: {DATE|7/15/24}
Witness: {NAME|Janelle Przybylski}, HIM Specialist
""",
# 09 telehealth note
"""TELEHEALTH VISIT (VIDEO) - CARDIOLOGY
Visit link: {URL|https://telehealth.glenmorrowhealth.example/v/7QX2-KL9P}
Patient location: home, {CITY|Fenwick}, {-STATE|WI}. Clinician location: {ORGANIZATION|Glenmorrow Health Heart Center}.
Patient IP {IP|98.211.46.73}; session ID {ID|TH-5520941}.
Patient: {NAME|Sunil Ramaswamy}, {-AGE|57}, identity verified by name and DOB ({DATE|5 Jan 1967}).

S: Follow-up of paroxysmal AF after ablation on {DATE|Nov 12}. No palpitations. Home BP cuff readings 118-130/70-80. His wife {NAME|Lakshmi} helped set up the camera.
Remote data: implantable loop recorder (LINQ II, serial {DEVICE|RLB889021G}): AF burden 0% over 30 days. Home BP monitor (device ID {DEVICE|OM-2207-88341}) synced via app.
Meds: apixaban 5 mg BID, metoprolol succinate 25 mg daily.
A/P: Maintaining sinus rhythm post-PVI. CHA2DS2-VASc 1; discuss stopping apixaban at 3-month visit. Continue metoprolol.
Total time 22 minutes.

{NAME|Wiktoria Zielinska}, NP
""",
# 10 occupational health / post-incident exam
"""OCCUPATIONAL HEALTH - POST-INCIDENT EXAMINATION
Employer: {ORGANIZATION|Kestrel Freight Lines}, {ADDRESS|2600 Industrial Loop}, {CITY|Harlow Station}, {-STATE|OH} {ZIP|43952}
Employee: {NAME|Bogdan Lazarescu}    DOB: {DATE|10/03/1971}    Employee ID: {ID|KFL-07731}
CDL: {-STATE|OH} Class A {LICENSE|RT448201}
Incident: low-speed backing collision in the yard on {DATE|6/11/24} 06:40; company tractor VIN {VEHICLE|1XKYD49X5RJ442871}, trailer plate {VEHICLE|PXT-2277}.
Supervisor: {NAME|Renata Oyelaran-Dias}, {PHONE|740-555-0145 ext 31}

History: {-AGE|52} yo driver, no injury, denies LOC, chest pain or dizziness before the event. Slept 7 hours. Takes lisinopril 10 mg. Sleep study {-DATE|2022}: mild OSA, uses CPAP nightly (compliance download 92% of nights >= 4 h).
Exam: BP 138/86, HR 74, BMI 33. Vision: 20/20 OD, 20/25 OS, 20/20 OU uncorrected; color vision normal (Ishihara 14/14). Hearing: forced whisper at 5 feet bilaterally. Neuro normal.
Post-accident drug and alcohol testing: breath alcohol 0.000; urine collected, chain-of-custody form # {ID|0048813}.
Determination: fit to return to duty pending drug screen MRO review.

Examiner: {NAME|Hyun-woo Seong}, DO    National Registry # {ID|4471820963}
""",
]

TYPES = set("""NAME DATE AGE PHONE FAX EMAIL SSN MRN HEALTH_PLAN ACCOUNT LICENSE
VEHICLE DEVICE URL IP ADDRESS ZIP CITY STATE COUNTRY ORGANIZATION ID OTHER""".split())


def docs():
    for prefix, group in (("i2b2", I2B2), ("nurse", NURSING),
                          ("query", QUERIES), ("misc", MISC)):
        for i, src in enumerate(group, 1):
            yield "ho-%s-%02d" % (prefix, i), src


def check(pairs):
    """Every span's text must match its offsets; no markup may survive."""
    bad = 0
    for (n, g), (_, src) in zip(pairs, docs()):
        want = [m.group(4) for m in SPAN.finditer(src)]
        text = n["text"]
        if "{" in text or "}" in text:
            print("leftover markup in", n["id"]); bad += 1
        if unicodedata.normalize("NFC", text) != text:
            print("text not NFC in", n["id"]); bad += 1
        for s, w in zip(g["spans"], want):
            got = text[s["start"]:s["end"]]
            if got != w or got != got.strip() or not got:
                print("offset mismatch", n["id"], s, repr(got), repr(w)); bad += 1
            if s["type"] not in TYPES:
                print("unknown type", n["id"], s); bad += 1
        prev = -1
        for s in g["spans"]:
            if s["start"] < prev:
                print("overlap", n["id"], s); bad += 1
            prev = s["end"]
    return bad


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    write(here, [build(i, s) for i, s in docs()])
    # re-read the written files and check them
    with open(os.path.join(here, "notes.jsonl"), encoding="utf-8") as fn, \
         open(os.path.join(here, "gold.jsonl"), encoding="utf-8") as fg:
        reread = [(json.loads(a), json.loads(b)) for a, b in zip(fn, fg)]
    bad = check(reread)
    phi, non = {}, {}
    for _, g in reread:
        for s in g["spans"]:
            d = phi if s["phi"] else non
            d[s["type"]] = d.get(s["type"], 0) + 1
    print("documents:", len(reread))
    print("PHI spans: %d  %s" % (sum(phi.values()),
          ", ".join("%s %d" % kv for kv in sorted(phi.items(), key=lambda kv: -kv[1]))))
    print("non-PHI spans: %d  %s" % (sum(non.values()),
          ", ".join("%s %d" % kv for kv in sorted(non.items(), key=lambda kv: -kv[1]))))
    print("check:", "OK" if not bad else "%d problems" % bad)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
