#!/usr/bin/env python3
"""Build notes.jsonl + gold.jsonl (score.py's common form) from the
synthetic ICU nursing progress notes below, written in the manner of the
PhysioNet deid gold standard (MIMIC-II era nursing notes, lower-case
shorthand, re-identified with surrogates).  Every name, number, date and
place here is invented.

Markup (as tests/data/phi/gen.py): {TYPE|text} is a PHI span; {-TYPE|text}
a span that is annotated but not PHI (phi=false: an age under 90, a year
alone).  An optional sub-label picks the deid-style corpus label:
{NAME:hcp|..} HCPName, {NAME:pt|..} PTName, {NAME:ini|..} PTNameInitial,
{NAME:rel|..} RelativeProxyName.  Without one the label follows the type
(DATE -> Date or DateYear, places -> Location, PHONE -> Phone, AGE -> Age).
Places use ORGANIZATION (hospitals, nursing homes, rehab), LOCATION (wards
and units named after people or places), CITY and ADDRESS."""
import json, os, re
import os, sys
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from phi_markup import SPAN, build, write  # noqa: E402

NOTES = [
# 00
"""Nursing Progress Note 0700-1900
Neuro: a+ox3, mae, follows commands. perrla 3mm brisk. c/o incisional pain 6/10, medicated w/ morphine 2mg iv w/ good effect, now 2/10.
CV: nsr 80s-90s, no ectopy. bp 110-130/60s. k 3.6 repleted w/ 40meq kcl po. mg 1.9. pulses +2 dp/pt bilat. cti w/ minimal serosang drainage.
Resp: ls coarse at bases, diminished rll. sats 95-97% on 4l nc. c+db encouraged, using IS to 750.
GI: abd soft, nt/nd, +bs. tolerating clears. no bm.
GU: foley draining clear yellow urine 40-80cc/hr.
Skin: midline sternal incision w/ steristrips, cdi.
Social: wife {NAME:rel|Carol} called x2, updated by this rn. son {NAME:rel|Dennis} to visit tonight.
Plan: cont to monitor, oob to chair in am, advance diet as tol. d/c cti per dr. {NAME:hcp|ashworth}.
""",
# 01
"""MICU nsg note 7p-7a
Pt is a {AGE|91} yo woman admitted {DATE|2/14} from {ORGANIZATION|Maplewood Manor} nursing home in {CITY|Haverhill} with urosepsis. Hx: CHF, afib on coumadin, Alzheimer's dementia, s/p R hip fx in {-DATE|1998}.
Neuro: lethargic but arousable to voice, oriented x1 (self). moves all ext weakly. no sedation.
CV: afib 70-90s, occasional pvc's. sbp 90-100s on levophed .04 mcg/kg/min, weaned to off at 0300. cvp 8-10.
Resp: 2l nc, sats 94-96%. ls crackles bibasilar. weak cough.
ID: tmax 100.8 po. wbc 17.2 (up from 14). on vanco/zosyn. ucx from osh grew e. coli, sens pending. bcx x2 sent {DATE|2/15} at 0200.
GI/GU: npo except meds. foley to gravity, uo 20-35cc/hr, md aware.
Social: pt's daughter {NAME:rel|Linda Marchetti} is HCP, can be reached at {PHONE|(978) 555-0142}. DNR/DNI confirmed w/ family.
Plan: monitor uo, f/u cx data, restart coumadin when inr < 2.
""",
# 02
"""NEURO: PT ALERT AND ORIENTED X3, PLEASANT AND COOPERATIVE. MAE X4 WITH EQUAL STRENGTH 5/5. DENIES PAIN.
CV: SR 70'S WITH RARE PVC'S. BP 120-140/70'S. NTG GTT OFF AT 1000. HEPARIN GTT @ 900 U/HR, PTT 68 AT 1600.
RESP: LUNGS CLEAR, RA SATS 96%.
GI: TOL CARDIAC DIET. +BS. NO BM.
GU: VOIDING QS IN URINAL.
SOCIAL: WIFE {NAME:rel|MAUREEN} AND DTR {NAME:rel|KATHLEEN} IN TO VISIT, QUESTIONS ANSWERED. PT'S BROTHER {NAME:rel|FRANCIS DOYLE} CALLED FROM {CITY|WORCESTER}.
PLAN: CATH IN AM WITH DR. {NAME:hcp|VELASQUEZ}. NPO AFTER MN. CONSENT SIGNED.
{NAME:hcp|T. OKAFOR} RN
""",
# 03
"""Resp Care Note
Pt remains intubated on ac 500 x 14, fio2 .50, peep 8. abg 7.36/44/92. sx for thick tan secretions q2h. rsbi 112 this am, sbt deferred.
Bs coarse bilat, improved after sx. Albuterol/atrovent mdi q4h given. Cuff leak present.
Trach discussed w/ team, pt's wife {NAME:rel|Gwen} wants to think it over, ENT (Dr. {NAME:hcp|Lachance}) aware. Ambu at bedside, spare ETT 7.0 in room.
Will cont to follow. -- {NAME:hcp|R. Pasternak}, RRT
""",
# 04
"""Nursing Admission Note
Mr. {NAME:pt|Alderete} is a {-AGE|67} yo male transferred from {ORGANIZATION|Lakeshore Regional} on {DATE|10-2} after presenting there w/ melena and hct 21. Hx etoh abuse, cirrhosis, esophageal varices banded {DATE|8/19}, DM2, htn.
Arrived to unit at 1530 via ambulance. Received 2 u prbc at osh, hct here 24.8.
Neuro: a+ox3 but slow to respond. no tremors, ciwa 4. given ativan 1mg x1 for anxiety.
CV: st 100-110s, bp 98-110/50s. 2 pivs (18g rac, 20g lfa). octreotide gtt @ 50mcg/hr, protonix gtt @ 8mg/hr.
GI: ngt placed, lavage clear after 500cc. abd distended, soft. egd planned for am w/ dr. {NAME:hcp|ibarra} from gi.
Social: lives w/ girlfriend {NAME:rel|Tina} in {CITY|Brockton}. she is at bedside and requests updates at {PHONE|508-555-0177}. pt's sister {NAME:rel|Rosa} lives in {CITY|Fall River}.
Plan: serial hct q6h, keep hct >25, transfuse prn. egd {DATE|10/3}.
""",
# 05
"""7a-7p
neuro: sedated on propofol 30mcg/kg/min, opens eyes to voice, not following commands. perrl 2mm sluggish. rass -2.
cv: hr 90s sr-st, sbp 100s-120s. no ectopy. a-line r radial, good waveform.
resp: vent settings unchanged, cpap 5/5 trial from 1000-1200, tolerated w/ rr 18-22, tv 450s, then back to ac for rest. ls coarse, sx'd for mod amt of thick yellow.
gi: tf impact w/ fiber @ 60cc/hr (goal), residuals < 30. bm x2 loose, guiac neg. c diff sent.
gu: foley patent, uo 50-100/hr. bun/cr 32/1.4.
id: afebrile. on cefepime and flagyl d#4.
skin: stage II on coccyx, duoderm applied. turned q2h.
social: pt's son {NAME:rel|Mike} called at 1400, updated. daughter-in-law {NAME:rel|Beth} to call tonight. family meeting planned for {-DATE|Thursday} {DATE|the 12th} w/ dr. {NAME:hcp|goldfarb} and sw.
plan: cont wean, possible extubation tomorrow am.
""",
# 06
"""CCU Nursing Progress Note
S: "I feel a lot better today."
O: Pt is a {AGE|ninety-three} year old man s/p inferior MI, cath {DATE|3/21} showed 3VD, not a surgical candidate. Medically managed.
Neuro: A+Ox3, HOH, hearing aid in R ear. Pleasant.
CV: SR 60s, 1st degree AVB, PR .26. BP 100-118/50s. Lopressor held x1 for HR 52. 2/6 SEM at RUSB. Groin site soft, no hematoma, pedal pulses dopplerable.
Resp: LS w/ crackles 1/3 up bilat. Lasix 40mg IV x1 with 900cc response. O2 3L NC sat 95%.
Dispo: Pt lives alone in {ADDRESS|Apt 4C, 212 Calloway St}, {CITY|Quincy}. Niece {NAME:rel|Deborah Fitzwilliam} is involved, she wants pt to go to {ORGANIZATION|Harbor Crest Rehab} and will bring clothes on {-DATE|Saturday} {DATE|3/24}. CM {NAME:hcp|Janelle} following.
A/P: monitor lytes, diuresis, PT consult, screen for rehab.
""",
# 07
"""Events: at approx 0230 pt became acutely sob, rr 30s, sats dropped to 84% on 4l. abg 7.28/58/61. placed on bipap 12/5 fio2 100%. cxr w/ pulm edema. lasix 80 iv given, nitro gtt started. dr. {NAME:hcp|hsu} (micu resident) at bedside, fellow dr {NAME:hcp|Nwosu} notified. after 1 hr pt improved, rr 20s, sats 97%. repeat abg 7.34/49/110. weaned to 50% face tent at 0500. wife {NAME:rel|Helen} notified by phone at 0300 ({PHONE|617-555-0108}), she will come in after 0900.
""",
# 08
"""NPN 1900-0700
Pt {NAME:pt|McAllister} remains on levophed .12 mcg/kg/min, unable to wean, map 60-65. cvp 14. svo2 68. dr {NAME:hcp|Lindqvist} aware.
Received additional 1L ns bolus at 2300 w/o change. vasopressin .04 u/min added at 0100.
Lactate 3.8 -> 3.1. K 5.4, given kayexalate 30g. Renal following, may start cvvh.
Mental status: unresponsive to voice, withdraws x4 to pain. Pupils 3mm reactive. Fentanyl gtt 50mcg/hr.
Family: wife {NAME:rel|Joanne McAllister} and sons {NAME:rel|Patrick} and {NAME:rel|Brian} here until 0100. Very upset, asked about code status; they will discuss w/ dr {NAME:hcp|Lindqvist} in am. Pt was a retired firefighter from {CITY|Dorchester}.
""",
# 09
"""Nursing Note
Pt is {AGE|94} yo female w/ hx of HTN, CKD, Parkinson's disease, admitted w/ fall and L subdural hematoma. Neurosurgery (Dr. {NAME:hcp|Benavides}) following, no intervention planned. Repeat head CT {DATE|5/30} stable.
Neuro: alert, oriented to self and place ("{ORGANIZATION|St. Anselm's}"), not to time. Parkinsonian tremor R hand. Sinemet 25/100 tid given. Neuro checks q2h unchanged, GCS 14.
CV: SBP goal <160, on hydralazine prn, given x1 for SBP 172. HR 70s SR.
Resp: RA sats 93-95%. Cough weak, aspiration precautions, speech and swallow eval: nectar thick liquids.
Social: Pt's granddaughter {NAME:rel|Alyssa} at bedside most of day. Son {NAME:rel|Gerald Pruitt} is HCP, lives in {CITY|Nashua}, can be reached at {PHONE|603 555 0193} (home) or {PHONE|603-555-0117} (cell).
""",
# 10
"""neuro: pt awake, alert, oriented x2, confused to date, states it is {-DATE|1985}. moving all ext. c/o ha, tylenol 650 given.
cv: hr 80s nsr, bp stable. heparin sq.
resp: ra, sats 97%.
gi: taking po, good appetite. bm x1.
gu: voiding.
social: pt's dtr {NAME:rel|Jennifer} called from {CITY|Providence}, asked that dr. {NAME:hcp|okonkwo} call her back at {PHONE|401.555.0164}. message left w/ team.
a: stable. p: transfer to floor, bed requested on {LOCATION|Kessler 6}.
""",
# 11
"""Nursing Progress Note
Pt is a {-AGE|58} y/o F POD #1 s/p CABG x3 (LIMA-LAD, SVG-OM, SVG-PDA) by Dr. {NAME:hcp|Vanterpool}. Extubated at 2200 last evening without difficulty.
Neuro: A+Ox3, MAE. c/o incisional pain 5/10, dilaudid 0.5 mg IV w/ relief.
CV: AV paced at 88 overnight, paced off at 0800, underlying SR 70s. Epicardial wires x4 intact. Neo weaned off at 0600. CI 2.4, SVR 1100. Swan-Ganz d/c'd at 1000. K 4.2, Mg 2.3.
Resp: NC 4L, sats 96%. LS diminished bases. IS 500.
GI: clear liquids, nausea x1 w/ zofran 4 mg.
GU: foley, uo 60-120cc/hr. Lasix 20mg IV bid.
Endo: insulin gtt per protocol, BS 110-140.
Social: Husband {NAME:rel|Raymond} and daughter {NAME:rel|Christine} in to visit. Husband would like to be called at {PHONE|(781) 555-0126} with any change.
Plan: OOB to chair, d/c foley in am, transfer to {LOCATION|Stoneman 4} when bed available.
""",
# 12
"""Nursing addendum 2130: spoke w/ pt's wife {NAME:rel|Esther Nakagawa} by phone. She states pt had a similar episode in {-DATE|2003} at {ORGANIZATION|Mount Carmel} in {CITY|Lowell} and was intubated for 3 days then. PCP is dr. {NAME:hcp|ferreira} in {CITY|Chelmsford}. Wife will bring pt's med list in am. Wife asks that info not be given to pt's stepson {NAME:rel|Kenji}. Wife's home # {PHONE|978 555-0113}.
""",
# 13
"""NURSING PROGRESS NOTE 3-11P
S/P FALL AT HOME ON {DATE|6/7}, FOUND DOWN BY NEIGHBOR.
PT IS {AGE|90} YO, LIVES ALONE AT {ADDRESS|14 BIRCHWOOD TERRACE} IN {CITY|METHUEN}.
NEURO: A+OX2, FORGETFUL. L HIP PAIN 7/10 W/ MOVEMENT, MSO4 2MG IV GIVEN W/ RELIEF.
CV: AFIB 80-100. DILTIAZEM 30 PO QID. SBP 120-150.
RESP: O2 2L, SATS 95%. LS CLEAR UPPER, DIMINISHED LOWER.
GU: FOLEY PLACED FOR RETENTION, 800CC RETURNED.
ORTHO (DR. {NAME:hcp|KRISHNAMURTHY}) PLANS ORIF {DATE|6/9} IF CLEARED BY CARDIOLOGY.
SOCIAL: NEPHEW {NAME:rel|DONALD RUSSO} CALLED, IS HCP. PHONE {PHONE|978-555-0133}.
""",
# 14
"""S/O: Pt continues on CVVH via R fem quinton. Rate 2L/hr, goal neg 100cc/hr, achieved. Filter clotted x1 at 1500, changed. Citrate protocol, ionized ca 1.08. 
Pt sedated on versed 2mg/hr and fentanyl 100mcg/hr. Occasionally opens eyes to name. Pupils equal.
Vent: simv 500x12/peep 10/fio2 60%/ps 10. Sats 93-95%. ABG 7.31/46/71.
ID: T max 101.6 ax. Bld cx x2 drawn from a-line and peripheral. Vanco level 18.
Family meeting today at 1400 w/ dr. {NAME:hcp|Szymanski}, wife {NAME:rel|Dorothy}, son {NAME:rel|Edward Ferrante} Jr., and chaplain Fr. {NAME:hcp|Donnelly}. Family wants full aggressive care for now, will readdress {-DATE|Monday} {DATE|11/8}.
""",
# 15
"""ccu npn
neuro: intact.
cv: s/p cath today w/ stent to lad. r groin sheath pulled at 1630 by {NAME:hcp|j. amaral} rn, pressure held 20 min, no hematoma. integrilin gtt until {DATE|1/16} at 0430. hr 60s sr, bp 100-120/60s.
resp: ra, no sob.
gi/gu: diet advanced, voiding.
social: wife {NAME:rel|gail} at bedside. pt works as a machinist at {ORGANIZATION|Pelham Tool and Die} in {CITY|Taunton}. pt's brother {NAME:rel|stan} also had mi at age {-AGE|52}.
plan: ambulate in am, dc home {DATE|1/17} if stable, f/u dr {NAME:hcp|Castellanos} in 2 wks.
""",
# 16
"""Neuro ICU Nursing Note
{NAME:pt|ESPOSITO, ANGELA} is a {-AGE|44} y/o F w/ SAH, Hunt-Hess 3, Fisher 3, s/p coiling of ACOM aneurysm {DATE|9/4} by Dr. {NAME:hcp|Rahimi} (IR). Day 6 post bleed.
Neuro: Drowsy, arouses to voice, oriented x2. Follows commands. R pronator drift. Pupils 3mm brisk. EVD open at 10 cm above tragus, draining 8-12cc/hr blood tinged CSF. ICP 8-14.
TCDs {DATE|9/9}: mild vasospasm R MCA. Nimodipine 60mg q4h. Goal SBP 160-180, on neo gtt at 1.2 mcg/kg/min.
Resp: RA, sats 98%.
Labs: Na 138 (goal > 135). 3% NS at 30cc/hr.
Social: Husband {NAME:rel|Vincent} at bedside overnight, very anxious. Children are with her mother in {CITY|Revere}. Pt is a teacher at {ORGANIZATION|Lincoln-Hale Middle School}.
""",
# 17
"""Shift note: uneventful night. Pt slept in 2-3 hr intervals. No prn's required. VS stable. BS 180 at 2200, covered w/ 4u regular insulin per SS. AM labs sent. Wife called at 0600, updated. Pt asking for his own cpap mask from home; wife {NAME:rel|Doreen} will bring it {DATE|2/9}. Resp aware. Heparin sq, pneumoboots on. {NAME:hcp|KLM}
""",
# 18
"""Neuro: a&ox3, anxious at times, requesting ativan (given 0.5mg po x1 at 1800). moves all ext.
CV: hr 100-115 st, bp 140s/80s. metoprolol increased to 50 bid. trop 0.04.
Resp: 3l nc, sats 94-96%, ls w/ exp wheezes, nebs q4h. solumedrol 60 iv q8.
GI: tolerating reg diet.
Social: pt's partner {NAME:rel|Yolanda} visited 1500-1900. pt is a resident at {ORGANIZATION|Cedar Hill Assisted Living} on {ADDRESS|Walnut Street} in {CITY|Framingham}. {NAME:rel|Yolanda} asks we call her at work ({PHONE|508-555-0189 x214}) rather than home.
Plan: wean o2, ? transfer to {LOCATION|Farr 3} tomorrow.
""",
# 19
"""Pt is a {AGE|92} yo man from {CITY|Peabody}, brought by his son to {ORGANIZATION|Bayridge Medical Center} ED on {DATE|4/5} w/ sob and cp; found to have nstemi and chf, transferred here for cath. Pt refused cath, wants medical management only. DNR/DNI.
Neuro: a+ox3, very HOH. Pleasant, jokes w/ staff.
CV: sr 80s, bp 130s/70s. hep gtt @ 1000 u/h, ptt 74. asa, plavix, lipitor, lopressor.
Resp: 2l nc, bibasilar crackles.
Social: son {NAME:rel|Albert Lindgren} Jr. ({PHONE|978 555 0150}) and daughter {NAME:rel|Marjorie} were here all afternoon. They state pt "always said no to heroics". PCP dr. {NAME:hcp|Oyelaran} at {ORGANIZATION|North Shore Family Practice} notified of admission.
""",
# 20
"""NPN 7A-7P
Neuro: Intubated/sedated on propofol 50 mcg, RASS -3. Perrl. No purposeful movement. Neurology (Dr. {NAME:hcp|Feinstein}) saw pt, EEG ordered, ? anoxic injury after PEA arrest at home {DATE|2/2}.
CV: HR 110s ST. BP 90-110/50-60 on levo .08. Cooling protocol completed {DATE|2/3} at 2200, rewarmed to 36.8.
Resp: AC 450 x 16, peep 5, fio2 40%. Sats 98%.
GI: OGT to LCWS, minimal output. Hypoactive BS.
GU: Foley, UO 30-50cc/hr. Cr 1.9 (baseline 1.0).
Social: Pt's wife {NAME:rel|Angelica} and brother {NAME:rel|Hector Villalobos} here. Priest from {ORGANIZATION|Sacred Heart Parish} came and anointed pt at 1500. Family meeting tomorrow {DATE|2/5} at 11:00 w/ neuro and MICU team.
""",
# 21
"""NURSING NOTE 0700-1500
MR. {NAME:pt|OKONJO} REMAINS ON {LOCATION|REISMAN 7} ICU OVERFLOW BED. AOX3, CALM.
CV: NSR 70-80'S, BP 130'S/70'S. AMIODARONE GTT D/C'D AT 1200, NOW ON 400 MG PO TID.
RESP: RA, LUNGS CLEAR.
PLAN: ECHO {-DATE|MONDAY}, EP TO SEE RE: ICD. WIFE {NAME:rel|NGOZI} (CELL {PHONE|857-555-0104}) AWARE OF PLAN. PT ASKED THAT HIS PASTOR, REV. {NAME:rel|ADEBAYO} OF {ORGANIZATION|NEW COVENANT CHURCH}, BE CALLED.
""",
# 22
"""Addendum: Pt's daughter {NAME:rel|Rachel} called asking for update. Per pt's wishes, info may only be given to HCP (son {NAME:rel|Aaron}). {NAME:rel|Rachel} given the unit phone #{PHONE|617-555-0199} and told to contact her brother. Pt agrees. Social work ({NAME:hcp|Marisol}, pager {PHONE|38817}) informed of family conflict. Ethics consult not needed at this time per Dr. {NAME:hcp|Whitcombe}.
""",
# 23
"""Neuro: Pt alert, appropriate, follows commands, speech clear. No focal deficits. Denies pain.
CV: HR 50s-60s SB. SBP 100-120. Dig level 1.1. Coumadin 2.5mg given, INR 2.4.
Resp: LS clear, RA 97%.
GI: Abd soft, +BS, tolerating heart healthy diet. Colace given.
GU: Voiding w/o difficulty.
Skin: Intact. Ecchymosis L arm from old IV site.
Activity: Ambulated in hall x3 w/ PT, steady.
Social: Lives w/ wife in {CITY|Marblehead}. Wife {NAME:rel|Phyllis} in to visit, will pick pt up at discharge. Pt has f/u with Dr. {NAME:hcp|Abernathy-Cole} on {DATE|August 14} and INR check at {ORGANIZATION|Seaside Anticoagulation Clinic} {DATE|8/7}.
""",
# 24
"""RN progress note
Pt arrived from {ORGANIZATION|St. Casimir's} ED at 0115 w/ dka, bs 612, ag 28. Pt is a {-AGE|23} yo type 1 diabetic, non-compliant w/ insulin per pt. insulin gtt started at 7u/hr per protocol. bs q1h: 540, 488, 402, 356, 301, 248. ag closed at 0800. k 3.3 -> 40meq kcl iv.
Pt tearful, states she lost her job at {ORGANIZATION|Rizzo's Bakery} in {CITY|Lawrence} last month and "couldn't afford the insulin". SW referral placed.
Mother {NAME:rel|Carmen Delgado} here, she can be reached at {PHONE|(978) 555-0158}. Pt's bf {NAME:rel|Luis} not allowed to visit per pt request.
Plan: transition to sq insulin when tolerating po, diabetes teaching, Dr. {NAME:hcp|Marchand} to see.
""",
# 25
"""neuro: pt intermittently agitated overnight, pulling at lines, required haldol 2mg iv x2 and soft wrist restraints from 0100-0500. reoriented frequently. sitter requested.
cv: hr 90-100 sr, bp 150s/80s. no prns.
resp: 4l nc, sats > 95%.
gi: npo for egd this am.
gu: condom cath.
family: son {NAME:rel|richard} called at 2300, upset that pt was restrained, explained rationale. dr. {NAME:hcp|patel-moore} spoke w/ him also. he will come in to sit w/ pt in am.
--{NAME:hcp|Siobhan}, RN
""",
# 26
"""Nursing Transfer Note
Pt transferred from MICU to {LOCATION|Ellison 11} via bed at 1415 accompanied by RN and transport. Report given to {NAME:hcp|Tamika} RN. VSS. Belongings (glasses, dentures, cell phone) sent with pt. Wife {NAME:rel|Ruth} notified of new room #1127 and unit number ({PHONE|617-555-0122}).
Pt admitted {DATE|12/28} w/ CAP, intubated {DATE|12/29} to {DATE|1/1}, now on 2L NC. Abx: ceftriaxone/azithro day 5.
""",
# 27
"""Pt is a {-AGE|71} yo male w/ hx copd (home o2 2l), who presented to ed from {ORGANIZATION|Brightwater Nursing and Rehabilitation} in {CITY|Saugus} w/ hypercarbic resp failure.
Neuro: on bipap overnight, more alert this am, A+Ox3.
Resp: bipap 14/6 fio2 40% overnight, off at 0700, now on 2l nc, sats 90-92% (goal 88-92). abg 7.37/62/68. ls diminished w/ scattered wheezes. nebs q4. prednisone 40 mg po.
CV: hr 90s sr, bp 130s/70s.
Social: pt's HCP is his friend {NAME:rel|Walter Brennan-Shaw} ({PHONE|781-555-0119}). pt was last in the unit in {DATE|Nov.} for same, tx'd back to the nursing home {DATE|11/22}.
""",
# 28
"""NPN: Pt had uneventful day. {NAME:ini|J.P.} continues to improve. Extubated at 1015 to 40% face tent, then 4L NC. Voice hoarse. Swallow eval pending. Remains NPO.
HR 80-90 NSR, BP 120-140/60-70. Weaned off precedex at 1300.
Parents ({NAME:rel|Lorraine} and {NAME:rel|Jim Pelletier}) at bedside all day, appreciative. They drove in from {CITY|Bangor}, staying at the {ORGANIZATION|Fenwood Inn}. They were given the family lounge code and unit #.
""",
# 29
"""ICU Nursing Progress Note
Pt received from OR at 1900 s/p AAA repair (open), Dr. {NAME:hcp|Halvorsen}. EBL 2.5L, received 4u prbc, 2 ffp, 1 plt, cell saver 800cc.
CV: SR 90s, SBP 90-110, maintained w/ LR boluses x3. CVP 6-9. Pedal pulses: R dp dopplerable, L dp palpable. Legs warm.
Resp: Remains intubated, cmv 600x12, peep 5, fio2 50%. ABG 7.33/41/188.
GU: Foley, uo 40-70cc/hr. Bladder pressure 12.
Pain: fentanyl gtt 75 mcg/hr and epidural (bupivacaine/fentanyl) at 8cc/hr per anesthesia pain service (Dr. {NAME:hcp|Ostrowski}).
Family: wife {NAME:rel|Marlene Haugen} and son {NAME:rel|Erik} updated by Dr. {NAME:hcp|Halvorsen} at 2000. They live in {CITY|Gloucester}. Wife's cell is {PHONE|978-555-0181}.
""",
# 30
"""NEURO: ALERT, ORIENTED X3, ASKING APPROPRIATE QUESTIONS. NO DEFICITS.
CV: HR 60-70 SR, BP 110-130/70. NO ECTOPY.
RESP: CLEAR, RA.
GI: TOL DIET, NO BM SINCE {DATE|4/11}, SENNA/COLACE GIVEN.
GU: VOIDING.
SOC: DAUGHTER {NAME:rel|ANNMARIE} VISITED, REQUESTS DC PLANNING MEETING. CASE MGR {NAME:hcp|BETTY LOU SANTOS} TO CALL HER AT {PHONE|(339) 555-0175}.
A/P: STABLE, AWAITING REHAB BED AT {ORGANIZATION|WINDSOR PLACE}.
""",
# 31
"""Nursing note
Pt is a {AGE|96} y/o woman, "Nana" to the staff, admitted w/ gi bleed. Hct 26.1 -> 29.4 after 1 u prbc. Guaiac + brown stool x1.
Alert, pleasant, oriented x3. Pt tells stories about working at the {ORGANIZATION|Kimball Mills} as a girl, and her late husband {NAME:rel|Casimir}.
Afib 70s, bp 110s-130s/50s. Coumadin on hold.
Daughter {NAME:rel|Wanda Kowalski} here 1000-1600. Grandson {NAME:rel|Tadeusz} called from {CITY|Chicago}.
Pt's birthday is {DATE|the 23rd}, family plans small party in room if pt still here.
""",
# 32
"""Neuro: pt sedated w/ ativan gtt 2mg/hr for etoh withdrawal, ciwa 18 -> 8. moves all ext. no seizure activity.
CV: st 110-120, sbp 140-160. lopressor 5 iv x2.
Resp: 3l nc, ls clear.
GI: banana bag infusing, thiamine 100, folate 1mg, mvi. lfts elevated (ast 212, alt 98). lipase wnl.
Social: pt homeless, last known address shelter at {ADDRESS|880 Harrison Ave}. no known family. sister "{NAME:rel|Dee}" in {CITY|Springfield} per old records, # {PHONE|413-555-0145} disconnected. pt's friend from the shelter, {NAME:rel|Marcus}, called at 1600 to ask about pt. SW ({NAME:hcp|Ilana Roth}) aware.
""",
# 33
"""1900-0700 NPN
Pt restless early in shift, c/o back pain 8/10, percocet 2 tabs given at 2000 w/ relief to 3/10. Slept well after 0000.
BP 150-170/80-90, hydralazine 10 iv x1 with effect. HR 70s SR.
Lungs clear. RA sat 97%. 
Foley d/c'd at 0600 per order, to void by 1400.
Pt asked for his wife's number to be left at nursing station: {NAME:rel|Gloria Fontaine}, {PHONE|978-555-0197}. She has no car and gets rides from neighbor Mrs. {NAME:rel|Dupuis}.
Pt asked to see Dr. {NAME:hcp|Baptiste}, his PCP, who usually sees pts at {ORGANIZATION|Merrimack Valley Health}.
""",
# 34
"""neuro: a+o x 3, mae, perrla.
cv: nsr 60-80, no ectopy. bp 100-130/50-70. k 3.8, mg 1.6 repleted w/ 2g mgso4 iv.
resp: ls clear, diminished l base. o2 2l nc sat 96%. 
gi: abd soft, obese, +bs. npo after mn for tee/cardioversion tomorrow ({DATE|11/19}).
gu: foley to cd, clear yellow.
id: afebrile.
skin: intact.
social: wife {NAME:rel|pat} in to visit. lives in {CITY|wakefield}. dr. {NAME:hcp|o'rourke} will speak to family in am.
plan: as above. --{NAME:hcp|m. dacosta} rn
""",
# 35
"""NPN
Pt is s/p Whipple {DATE|7/28} (Dr. {NAME:hcp|Abelard}), readmitted to SICU from {LOCATION|Warrick 5} {DATE|8/3} w/ fever and hypotension. CT: fluid collection near pancreatic anastomosis, IR drain placed {DATE|8/4}, draining cloudy tan fluid 40cc this shift.
Hemodynamics improved, off neo since 0400. HR 90s ST, SBP 110s.
TPN @ 85cc/hr. JP x2 and Hemovac patent. Midline incision w/ staples, erythema at inferior aspect, marked.
Mrs. {NAME:pt|Hoang} is tearful at times. Her husband {NAME:rel|Quang} and daughter {NAME:rel|Lien} here most of the day; daughter interprets (Vietnamese). Family lives in {CITY|Dorchester}, daughter's # {PHONE|617 555 0170}.
""",
# 36
"""CCU NURSING NOTE
Pt remains on IABP 1:1, augmented diastolic pressures 110-120. R fem site cdi, distal pulses by doppler. Heparin 700u/hr, PTT 58.
Milrinone .375 mcg/kg/min. CO 3.9, CI 2.0, PCWP 22. UO 30-60cc/hr w/ lasix gtt 10mg/hr.
Listed for transplant, status 1A. Transplant coordinator {NAME:hcp|Wendy Castellano} in to see pt and wife. Pt is being evaluated for LVAD w/ Dr. {NAME:hcp|Petrakis}.
Wife {NAME:rel|Diane} staying at {ORGANIZATION|Beacon Family House}. Pt's brother {NAME:rel|Carl} flew in from {CITY|Tucson} today.
""",
# 37
"""Neuro: pt awake, alert, a+o x3. following commands. L sided weakness 3/5 LUE, 4/5 LLE. Slight L facial droop. NIHSS 5.
CV: HR 70s-80s afib. SBP 140-170, goal <180 s/p tPA given at {ORGANIZATION|Canton Community Hospital} at 1340 {DATE|10/17} before transfer. No bleeding.
Neuro checks q1h x 24h per post tPA protocol. Repeat CT head at 24h ({DATE|10/18} 1340).
Resp: RA 97%.
Social: Pt's fiancee {NAME:rel|Danielle Okoro} here. Pt's mother {NAME:rel|Grace} on way from {CITY|Hartford}. Pt works for {ORGANIZATION|Tremont Logistics}. Dtr {NAME:rel|Zoe} age {-AGE|8}.
""",
# 38
"""Nsg: pt had 3 loose stools today, c diff pending. on contact precautions. flexiseal placed. skin excoriated peri area, criticaid applied.
VS stable. hr 80s, bp 120s/60s, afebrile. tf at goal 55cc/hr.
pt's wife ({NAME:rel|Bernadette}) called twice, updated. she will be in on {-DATE|Tuesday} with the pt's sister from {CITY|New Bedford}. she asked that pt's friend, father {NAME:rel|Tom Keegan} from their church, be allowed to visit.
""",
# 39
"""Nursing Progress Note 0700-1900
S: "when can i go home?"
O: neuro: a+ox3. perrla. mae.
cv: s/p pacemaker placement {DATE|5/12} via l subclavian, dsg cdi, arm sling on. sr w/ paced beats 60s.
resp: ra, clear.
gi: tol reg diet. bm x1.
gu: voiding qs.
A: stable post ppm.
P: cxr in am, d/c home {DATE|5/14} w/ f/u in device clinic in 1 wk. pt's wife {NAME:rel|Imelda} will drive pt home to {CITY|Attleboro}. Pt states his cardiologist is dr {NAME:hcp|Sorensen} at {ORGANIZATION|Pinecrest Memorial}.
{NAME:hcp|Kathy W.}, RN
""",
# 40
"""Pt is a {AGE|99} yo woman admitted from {ORGANIZATION|Oakdale} (her assisted living) w/ pna. Was going to celebrate her 100th bday on {DATE|june 2nd}. Family requests comfort measures only. Morphine gtt @ 2mg/hr, scopolamine patch. Pt resting comfortably, rr 24, no distress.
Family in to visit throughout day: dtrs {NAME:rel|Evelyn} and {NAME:rel|Marion}, son-in-law {NAME:rel|George Tillman}, many grandchildren. Chaplain visited. Family asks for call if change, {NAME:rel|Evelyn}'s # is {PHONE|(508) 555-0135}.
""",
# 41
"""Respiratory Therapy
Pt extubated to 50% cool neb at 1045 by RT {NAME:hcp|Delacruz}. Post extubation ABG 7.41/40/96. No stridor. Racemic epi not required. IS teaching done, pt pulled 1250. Home cpap settings per pt 10 cm, machine from {ORGANIZATION|Liberty Respiratory} in {CITY|Woburn}. Will f/u. -{NAME:hcp|JRT}
""",
# 42
"""MICU NURSING PROGRESS NOTE 7P-7A
{NAME:pt|Dombrowski} is a {-AGE|62} yo man w/ ARDS from influenza A, day 9 of intubation. Transferred from {ORGANIZATION|Valley Regional} {DATE|3rd of January} after failing oscillator trial there.
NEURO: Sedated w/ fentanyl 200 mcg/hr and midazolam 4 mg/hr, paralyzed w/ cisatracurium 3 mcg/kg/min, TOF 2/4. Pupils 4mm equal, sluggish. Eye lubricant q4h. Sedation holiday deferred per team while paralyzed.
CV: ST 100-115, no ectopy. MAP 62-70 on norepinephrine 0.1 mcg/kg/min, vasopressin 0.04 u/min. CVP 12-16. ScvO2 71%. Extremities cool, pulses dopplerable. Heparin sq tid.
RESP: Prone positioning 1600-0400 (16 hrs), tolerated w/o desaturation. PRVC 360 x 28, PEEP 16, FiO2 70%, plateau 29. ABG at 0200: 7.29/52/68/24. Sx for small amts thin blood-tinged secretions. ETT 7.5 @ 24 cm at lip, retaped. Inhaled epoprostenol started at 2300 per Dr. {NAME:hcp|Achterberg}.
GI: OGT, TF Peptamen 1.5 @ 20cc/hr (trophic), residual 40-60. Famotidine. No BM x3 days, bowel regimen in place (senna, colace, miralax).
GU: Foley, UO 25-60 cc/hr. Cr 1.6 (1.2). Lasix 20 iv x1 at 0000 w/ 300cc response. K 3.7, Mg 2.0, Phos 2.4 repleted.
ID: Tmax 100.9. On oseltamivir d#9, vanco (trough 17.8 at 2200), cefepime. Sputum cx {DATE|1/2}: MRSA. 
SKIN: Facial edema from proning, eyes taped. Foam dressings to face, chest, knees. Bair Hugger off.
SOCIAL: Wife {NAME:rel|Teresa} and daughter {NAME:rel|Kasia} at bedside until 2200; son ({NAME:rel|Michael}) visited from {CITY|Albany} after work. Family very involved and hopeful. {NAME:rel|Teresa} asked about ECMO; explained that Dr. {NAME:hcp|Achterberg} discussed w/ the ECMO team at {ORGANIZATION|Cranmore University Hospital} and pt is not a candidate at this time. She would like a call w/ any significant change at {PHONE|(518) 555-0146}, or her sister {NAME:rel|Halina}'s cell {PHONE|518-555-0161}.
PLAN: Continue proning cycles, titrate pressors to MAP >60, f/u cx, family meeting {-DATE|Friday} {DATE|1/8} at 1300 with attending (Dr. {NAME:hcp|Musa}) and social work.
""",
# 43
"""Nursing Note 0700-1900
{NAME:pt|Vivian} (Mrs. {NAME:pt|Thibodeau}) is a {AGE|90}yo F admitted {DATE|2/13} from {ORGANIZATION|Sunnyvale Nursing Home} in {CITY|Springfield} with hypotension, UTI and ARF. Full code per HCP (son). Hx: DM2, HTN, CVA {-DATE|'01} w/ residual R sided weakness, dementia, PVD s/p L BKA.
Neuro: Alert, oriented to self only, baseline per NH. Follows simple commands inconsistently. L side 4/5, R side 2/5 (old). Speech dysarthric (baseline).
CV: SR 70s-80s, no ectopy. BP 90-110/40-50s off dopamine since 0900. K 5.1 -> 4.6.
Resp: 2L NC, sats 95-98%. LS clear, diminished bases. Occasional weak cough, aspiration precautions maintained.
GI: Passed bedside swallow w/ pureed/honey thick. Ate 50% lunch, fed by RN. +BS. BM x1 soft brown, guaiac negative.
GU: Foley draining cloudy yellow urine 30-60cc/hr. Cr 2.3 (2.8). UA + for nitrites, urine cx pending.
ID: Tmax 99.4. Ceftriaxone 1g IV q24h d#2.
Skin: Stage II coccyx 2cm x 1.5cm, Mepilex applied. L stump w/ healed incision. Heels floated, waffle boots on.
Social: {NAME:rel|Richard Thibodeau} (son, HCP) in at 1200. Lives in {CITY|Chicopee}, works nights. Pt's other son {NAME:rel|Paul} is in {CITY|Phoenix} and calls daily. {NAME:rel|Richard}'s numbers: home {PHONE|413-555-0128}, work {PHONE|413-555-0102 ext. 455}. NH contact is {NAME:hcp|Mary Beth} at {PHONE|(413) 555-0190}.
Plan: Possible return to NH {DATE|2/16} if Cr continues to improve. Case manager ({NAME:hcp|Lorna}) aware.
""",
# 44
"""NEURO: Pt lethargic this AM, arousable to sternal rub, no sedation since {DATE|10/29}. Neurology (DR. {NAME:hcp|CHIANG}) saw pt at 1000, ? post-ictal, EEG at 1400 showed no seizure activity. Keppra 500 BID cont.
{NAME:rel|THERESA} (PT'S SISTER) AND HER HUSBAND {NAME:rel|HUGH} VISITED 1500-1700. {NAME:rel|THERESA} STATES PT HAS LIVED WITH HER AT {ADDRESS|44 PROSPECT HILL RD}, {CITY|NEWBURYPORT} SINCE HIS DIVORCE IN {-DATE|1997}.
THEY ASK THAT DR. {NAME:hcp|GALLAGHER} CALL THEM; GIVEN NUMBER OF THE RESIDENT'S PAGER (BEEPER {PHONE|4-1187}).
HYDRO: DILANTIN LEVEL 9.8, DOSE INCREASED PER DR. {NAME:hcp|CHIANG}.
""",
# 45
"""Nursing Progress Note
Pt is a {-AGE|74} yo male, Cantonese speaking only, s/p R colectomy {DATE|4/19} for adenoCA, c/b anastomotic leak, ex-lap {DATE|4/23}, transferred to SICU for septic shock.
Interpreter used via phone (interp #{ID|2281}) for all assessments.
Neuro: Opens eyes spontaneously, follows commands, nods appropriately to questions via interpreter.
CV: Afib w/ RVR overnight to 140s, dilt gtt started at 5mg/hr at 0300 and titrated to 10, now 90s-100s. SBP 100-110. Levophed off at 1100.
Resp: Trach collar 40%, sats 95%. Sx'd q3h for thick white secretions.
GI: Open abdomen w/ VAC dressing (125 mmHg continuous), output 300cc serosanguinous this shift. NGT to LIS 400cc bilious. TPN @ 75cc/hr.
Skin: Grafts on donor site L thigh intact.
Social: Pt's son {NAME:rel|Wing-Kei Leung} came in at 1700 w/ his wife; pt's wife {NAME:rel|Mei} is {AGE|91} and unable to come in. Son asked for info on pt's surgeon Dr. {NAME:hcp|Sternberg}'s office #; given {PHONE|617-555-0141}. Son lives in {CITY|Quincy}, cell {PHONE|617.555.0155}.
""",
# 46
"""Neuro: AOx3, pleasant. Pt is a retired nurse from {ORGANIZATION|Our Lady of the Lakes} and asks many questions re: meds. MAE.
CV: HR 50s-60s SB, asymptomatic. BP 140-160/70-80, captopril increased to 25 tid.
Resp: RA, sats 95%. LS clear.
GI: Tol diet. Wt 82.4kg (81.9kg).
GU: Voiding, lasix 40 po given.
Pt was seen by {NAME:hcp|Sue Ellen Park}, NP from CHF service. Teaching done w/ pt and husband re: daily weights, 2gm Na diet, fluid restriction 1.5L.
Husband {NAME:rel|Orville} plans to take pt home {-DATE|Wed.} to their farm in {CITY|Amherst}. VNA referral to {ORGANIZATION|Hampshire County VNA} faxed.
""",
]

# sub-label -> deid-style corpus label for NAME spans
NAME_LABEL = {"hcp": "HCPName", "pt": "PTName", "ini": "PTNameInitial",
              "rel": "RelativeProxyName"}
PLACE_TYPES = {"ORGANIZATION", "LOCATION", "CITY", "ADDRESS", "ZIP"}

def label_of(typ, sub, phi):
    if typ == "NAME":
        return NAME_LABEL[sub or "pt"]
    if typ == "DATE":
        return "Date" if phi else "DateYear"
    if typ in PLACE_TYPES:
        return "Location"
    return {"AGE": "Age", "PHONE": "Phone"}.get(typ, "Other")

here = os.path.dirname(os.path.abspath(__file__))
write(here, (build("nurse-%02d" % i, src, label_of) for i, src in enumerate(NOTES)))
