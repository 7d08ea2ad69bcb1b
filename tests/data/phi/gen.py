#!/usr/bin/env python3
"""Build notes.jsonl + gold.jsonl (score.py's common form) from the
synthetic clinical notes below.  Markup: {TYPE|text} is a PHI span;
{-TYPE|text} a span that is annotated but not PHI (phi=false).  Every
name, number and place here is invented."""
import json, os, re
import os, sys
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from phi_markup import SPAN, build, write  # noqa: E402

NOTES = [
"""DISCHARGE SUMMARY
Patient: {NAME|Johnathan Q. Ramirez}    MRN: {MRN|00482913}
Date of admission: {DATE|03/14/2021}   Date of discharge: {DATE|3/19/21}
Attending: Dr. {NAME|Eleanor Whitfield}, MD
HPI: Mr. {NAME|Ramirez} is a 67 year old man with Parkinson disease, Hodgkin lymphoma in remission and type 2 diabetes (E11.9) who presented on {DATE|March 14} with chest pain.
Vitals: BP 142/88, HR 96, RR 18, T 98.6 F, SpO2 94% on RA. Pain 7/10.
Meds: Lasix 40 mg PO daily, metoprolol 25 mg BID, Eliquis 5 mg BID, atorvastatin 80 mg qHS.
Labs: Na 138, K 4.1, Cr 1.2, Hgb 11.8, Plt 212, INR 1.1, HbA1c 7.9%.
He was seen by Dr. {NAME|Patel} from cardiology; troponin peaked at 0.12. CPT 99223.
Follow up with Dr. {NAME|Whitfield} on {DATE|April 2, 2021} at {ORGANIZATION|Mercy General Hospital}.
Phone {PHONE|(617) 555-0143}. Fax {FAX|617-555-0199}.
""",
"""Progress note {DATE|2021-03-16}
Pt {NAME|Ramirez} feels better. His wife {NAME|Gloria} is at bedside. Crohn disease stable on Humira.
Plan: continue Lasix, recheck BMP in AM. Babinski negative. Romberg negative.
""",
"""Clinic visit {DATE|Jan 5th, 2020}
{NAME|Margaret O'Connor} is a {AGE|92}-year-old woman who lives in {CITY|Springfield} with her daughter {NAME|Susan}.
She has Alzheimer dementia and a history of Graves disease. MMSE 18/30.
Address: {ADDRESS|1423 Maple Grove Ave, Apt 4B}, {CITY|Springfield}, IL {ZIP|62704}
Insurance: Medicare member ID {HEALTH_PLAN|1EG4-TE5-MK72}
Electronically signed by {NAME|Hannah Lindqvist}, NP on {DATE|01/05/2020}
""",
"""ED NOTE
Name: {NAME|Wu, Xiaoming}  DOB: {DATE|7/22/1958}  SSN: {SSN|123-45-6789}
Chief complaint: shortness of breath x 3 days.
Mr. {NAME|Wu} reports dyspnea since {DATE|the 4th}. Denies fever. Home O2 2L.
Exam: crackles bilaterally, 2+ pitting edema. Murmur 2/6 at LUSB.
EKG: sinus tach 110, no ST changes. CXR: bilateral effusions.
Dx: acute on chronic systolic CHF (I50.23). Given furosemide 80 mg IV.
Contact son {NAME|Kevin Wu} at {PHONE|415.555.0187} or {EMAIL|kevin.wu88@example.com}.
""",
"""Operative report
Surgeon: {NAME|Alejandro Fuentes-Ortiz}, MD
Assistant: {NAME|Priya Raghunathan}, PA-C
Date of surgery: {DATE|4th of March 2021}
Procedure: laparoscopic cholecystectomy (CPT 47562). Murphy sign positive preoperatively.
Estimated blood loss 20 mL. Specimen: gallbladder to pathology.
Implant: none. Foley removed POD 1.
Patient {NAME|Lucía Hernández} tolerated the procedure well.
""",
"""Telephone encounter {DATE|Mar 4th}
Spoke with Mrs. {NAME|Abernathy} regarding INR of 3.4 on warfarin 5 mg. Hold dose tonight, recheck {DATE|03-08-2021}.
Callback number {PHONE|+1 312 555 0110}.
""",
"""Radiology report
Accession # {ID|RAD-20210311-0042}
Exam date: {DATE|11-Mar-2021}
Ordering provider: Dr. {NAME|Okonkwo}
CT head without contrast: no acute intracranial hemorrhage. Chiari I malformation noted.
Device: pacemaker serial number {DEVICE|PM7734-22981}
Read by Dr. {NAME|Sven Karlsson} at {ORGANIZATION|Lakeview Radiology Associates}.
""",
"""Social history: Lives at {ADDRESS|77 Harbor View Road}, {CITY|Portland}, ME {ZIP|04101} with partner {NAME|Dmitri}.
Works as a bus driver. Drives a 2015 Honda, plate {VEHICLE|7ZXK319}. VIN {VEHICLE|1HGCM82633A004352}.
Quit smoking in 2019 (1 ppd x 20 years). Occasional EtOH. No illicit drugs.
""",
"""Nursing note {DATE|12/24}
Pt resting comfortably. Vitals stable: BP 118/72, HR 64. Blood glucose 142 at 2200.
Pain 3/10, given Tylenol 650 mg PO. Fall precautions. Bed alarm on.
Family ({NAME|Ahmed Al-Sayed}, brother) called at 21:30; updated.
""",
"""Consult: Hematology
Reason: anemia. Hgb 8.1, MCV 72, ferritin 9. Hodgkin disease excluded. Coombs negative. G6PD normal.
Patient is a {AGE|94} yo female, {NAME|Beatrice Kowalczyk}, seen with her grandson.
Recommend IV iron sucrose (Venofer) 200 mg x 5 doses and colonoscopy with Dr. {NAME|Nakamura}.
Portal: {URL|https://mychart.example-health.org/patient/88231}
""",
"""Discharge instructions for {NAME|Tomás Quispe}
Take Eliquis 5 mg twice a day. Stop aspirin. Follow up in Cardiology Clinic in 2 weeks.
Appointment: Monday, {DATE|June 7, 2021} at 10:30 AM with Dr. {NAME|Yamamoto}.
Questions? Call {PHONE|555-0134} or email {EMAIL|cardio.nurse@example.org}.
""",
"""H&P
{NAME|SMITH, ROBERT J}   Acct# {ACCOUNT|A00982271}   Room 412B
DOB {DATE|02/29/1936} ({AGE|95} y/o).
PMH: CAD s/p CABG 2004, AAA repair, Dupuytren contracture, gout on allopurinol.
Allergies: penicillin (rash), sulfa.
Son {NAME|Robert Smith} Jr. is health care proxy.
""",
"""Pediatrics well visit
{NAME|Aiden Kowalski} is a 4 yo here with mother {NAME|Natalia}. Growth 50th percentile.
Vaccines given: DTaP, IPV, MMR, varicella. Next visit at age 5.
Mother's cell {PHONE|(773) 555-2290}.
""",
"""Psychiatry follow-up {DATE|October 3}
Mr. {NAME|Delacroix} reports improved mood on sertraline 100 mg; PHQ-9 down from 18 to 9.
No SI/HI. Sleeping 7 hours. Works at {ORGANIZATION|Hartwell Logistics}. Next visit in 4 weeks.
""",
"""Lab result note: glucose 250, Na 131, K 5.6. Creatinine 2.4 up from 1.1 on {DATE|5/2/2021}.
Dr. {NAME|Feldman} notified at 14:05. Repeat BMP ordered. ICD-10 N17.9, E87.5.
Driver license {LICENSE|D1234-56789-01234} on file. NPI {LICENSE|1234567893}.
""",
"""Transfer note: transferred from {ORGANIZATION|St. Agnes Medical Center} to MICU.
IP of telemetry monitor {IP|10.12.44.201}. Patient {NAME|Olamide Adeyemi}, {AGE|101} years old, on BiPAP.
Lactate 4.2. Norepinephrine 0.1 mcg/kg/min. Cultures pending. Vancomycin and Zosyn started.
""",
"""Letter
{DATE|June 12, 2021}
Dear Dr. {NAME|Brennan},
Thank you for referring Ms. {NAME|Ingrid Solberg} (DOB {DATE|1961-09-30}) for evaluation of Raynaud phenomenon and possible Sjogren syndrome.
ANA positive 1:640, anti-Ro positive. Schirmer test abnormal. Started hydroxychloroquine 200 mg BID.
Sincerely,
{NAME|Rachel Goldberg}, MD
""",
"""Follow-up: patient seen at {ORGANIZATION|Riverside Family Health Clinic} on {DATE|Feb 2}.
Parkinson tremor worse. Carbidopa/levodopa 25/100 increased to TID. Fall on {DATE|1/28}.
Hodgkin survivor. Wilson disease ruled out (ceruloplasmin normal).
""",
"""Chart review. Medical record number {MRN|MR-4471920}. Health plan ID {HEALTH_PLAN|XJH889102334}.
Patient {NAME|Giovanni Russo} born {DATE|March 1948}. Email {EMAIL|g.russo@mailbox.example}.
Home: {ADDRESS|5 Via Roma 12}, {CITY|Boston}, MA {ZIP|02118-3301}.
""",
"""Social work note {DATE|11/02/2022}
Pt's daughter states the family lives at {ADDRESS|255 hersnapvej 18, københavn k}. She can be reached on {PHONE|699 956 915}.
Prior records were faxed from {ORGANIZATION|St. Olav Hospital}; the patient grew up in {CITY|Tujetsch} {ZIP|7188} before moving here.
Cardiology follow-up: {PHONE|(898)666-3621x0135}. After hours: {PHONE|+1-903-140-4508x769}.
Her zip code is {ZIP|90010-170}. Hx of Parkinson disease, Cushing syndrome and Raynaud phenomenon; on carbidopa-levodopa 25/100 TID.
""",
"""Family meeting
Present: {NAME|Krisztián Szöllösy} (son), {NAME|Nekolná}, {NAME|Becker} and {NAME|Vasquez} from the care team.
{NAME|Wisława Szczepańska}'s MRI showed no acute infarct. Creatinine 1.4, eGFR 52, Na 134.
What is your name? {NAME|Sölvi Salómonsson}. She says people call her {NAME|višeslav}.
Plan: Bell palsy precautions, Wilson disease workup negative, Tdap given. Wt 72 kg, 1500 mL fluid restriction.
""",
"""Triage: {AGE|90}-year-old male via EMS from nursing home. GCS 14. BP 88/50. Temp 101.2.
Sepsis protocol initiated. Blood cultures x2, lactate, CBC with diff.
Nursing home contact: {NAME|Shirley Baptiste} {PHONE|203-555-7781 ext 22}.
""",
]

here = os.path.dirname(os.path.abspath(__file__))
write(here, (build("own-%02d" % i, src) for i, src in enumerate(NOTES)))
