#!/usr/bin/env bash
# collab check lists where the sources disagree and the slips of the record, each with both places,
# and does not list what only says less (a year against a month of that year; a count of the forces
# a period before named).
. "$(dirname "$0")/lib.sh"

expect check 0 "collab check: 0 errors" -- check --root "$src"

# Total Cost is not Total Cash + Officers in Kind for Northants and Lincs (pcp-2017: 3,370,550 +
# 1,140,792 = 4,511,342, printed 4,511,341; 2,602,147 + 1,001,103 = 3,603,250, printed 3,603,249).
check cost-northants 0 "'TOTAL COST OF COLLABORATION', Northants column: £4,511,341.00 is not 'Total Cash Contributions' £3,370,550.00 (data/contributions.json:156:9) + 'EMSOU - Officers in Kind' £1,140,792.00 (data/contributions.json:141:9) = £4,511,342.00 (difference -£1.00)"
check cost-lincs 0 "'TOTAL COST OF COLLABORATION', Lincs column: £3,603,249.00 is not 'Total Cash Contributions' £2,602,147.00"
check_absent cost-notts "'TOTAL COST OF COLLABORATION', Notts column: £8,469,539.00 is not"

# Not disagreements: MC's "2011" (HMIC Figure 1) against Sept 2011; L&D's and EMCJS's four named
# forces (2016/17) against the register's four unnamed ones (2018/19).
check_absent mc-date "'emsou-mc' established"
check_absent ld-period "'emchrs-ld' participants"
check_absent emcjs-period "'emcjs' participants"
# Real ones stay: Forensics' June 2012 against HMIC's April 2012; OH's five forces against four.
check forensics-date 0 "'emsou-forensics' established: sources disagree: Jun 2012"
check oh-period 0 "'emchrs-oh' participants: derbyshire, leicestershire, lincolnshire, northamptonshire, nottinghamshire from 2016/17"

# Three EMCJS sub-agreements of the 2018 register have five forces under a four-force EMCJS, and
# name Derbyshire, which pcp-2017 leaves out of EMCJS in 2016/17.
check emcjs-data-quality 0 "'emcjs-data-quality' participants in 2018/19: 5 forces (pcc-leics-2018, Appendix A: regional section 22 register; data/collaborations.json:2059:9), but its parent 'emcjs' has 4 (pcc-leics-2018, Appendix A: regional section 22 register; data/collaborations.json:1960:9); derbyshire not among the parent's forces named for 2016/17 (pcp-2017, Four Force Collaborations; data/collaborations.json:1946:9)"
check emcjs-review 0 "'emcjs-review-detention-disposal' participants in 2018/19: 5 forces"
check emcjs-niche 0 "'emcjs-niche' participants in 2018/19: 5 forces"
check_absent emcjs-custody "'emcjs-custody-detention-officers' participants in"  # 3 of 4: within its parent
check_absent emsou-parts "'emsou-soc' participants in"

# pcp-2017 leaves Derbyshire out of EMCJS ("Leicestershire, Lincolnshire, Northamptonshire and
# Nottinghamshire"); the 2018 register's sub-agreements mark no NP and its Data Quality Team row
# says "Leicestershire PCC website does not show Derbyshire participating": both places are listed.
check derbyshire-emcjs 0 "data/sources.json:81:5: note: Derbyshire in the East Midlands Criminal Justice Service: sources disagree: pcp-2017 says EMCJS is four forces"
check derbyshire-emcjs-register 0 "(Appendix A: regional section 22 register: EM Criminal Justice Service rows). The model uses both, by year and agreement"

# HMIC Figure 8's printed percentages that do not follow from its figures: three, not TSU (130 of
# 2,400 is 5.4%, which rounds to the printed 5%).
check fig8-mc 0 "row 'Major Crime': £3,500,000.00 of £15,000,000.00 is 23%, the table prints 24%"
check_absent fig8-tsu "row 'TSU'"

# Slips in the record that no figure shows by itself (data/sources.json), each with both places.
check slip-heading 0 "slip in pcp-2017 ('Formula and Grant 2016/17', column heading): prints '2015/16 Grant (£m)'; the column's figures are whole pounds"
check slip-13-7 0 "slip in pcc-leics-2018 ('paragraph 6'): prints '£13.7m per annum for the EM region'; the region's total annual savings against baseline are £13,757,887, which rounds to £13.8m"
check slip-13-7-evidence 0 "(pcp-2017, 'Collaborative Savings: savings against baseline': TOTAL 13,757,887"
check slip-2005 0 "slip in hmic-2013 ('Figure 3', the entry between Feb 2012 and April 2012): prints '2005 Regional Intelligence Unit' a second time"

# A slip must name listed documents and say what the record shows.
d=$(tree bad-slip)
sed -i 's/"reading": "the region.s total annual savings/"readings": "the region'"'"'s total annual savings/' "$d/data/sources.json"
expect bad-slip-field 2 "unknown field 'readings'" -- check --root "$d"
check bad-slip-missing 2 "data/sources.json:50:5: error: missing field 'reading'"
d=$(tree bad-slip-document)
sed -i 's/"document": "pcc-leics-2018",$/"document": "pcc-leics-2019",/' "$d/data/sources.json"
expect bad-slip-document 2 "unknown document 'pcc-leics-2019'" -- check --root "$d"

# A year-only date in another year is a disagreement: HMIC Figure 1's MC launch moved to 2010.
d=$(tree year)
sed -i '361s/"value": "2011",/"value": "2010",/' "$d/data/collaborations.json"
expect mc-other-year 0 "'emsou-mc' established: sources disagree: Sep 2011" -- check --root "$d"
check mc-other-year-claim 0 "2010 (hmic-2013, Figure 1"

# A count that differs from the named forces before it is still a change: L&D's register count to 3.
d=$(tree count)
sed -i '1240s/"count": 4,/"count": 3,/' "$d/data/collaborations.json"
expect ld-other-count 0 "'emchrs-ld' participants: derbyshire, leicestershire, northamptonshire, nottinghamshire from 2016/17 (pcp-2017, Four Force Collaborations); then 3 forces, not named" -- check --root "$d"

# A stated disagreement needs what each document says.
d=$(tree bad-disagreement)
sed -i 's/"says": "EMCJS is four forces/"say": "EMCJS is four forces/' "$d/data/sources.json"
expect bad-disagreement-field 2 "data/sources.json:84:16: error: missing field 'says'" -- check --root "$d"

finish
