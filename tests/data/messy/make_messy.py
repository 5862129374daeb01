"""Regenerate the messy sample files in this folder: ``python tests/data/messy/make_messy.py``.

Each file imitates a real export problem; the expected values are asserted in
tests/test_readers.py, so change both together.
"""

from __future__ import annotations

import codecs
from pathlib import Path

HERE = Path(__file__).parent


def write(name: str, text: str, encoding: str = "utf-8", newline: str = "\n",
          bom: bytes = b"") -> None:
    data = text.replace("\n", newline).encode(encoding)
    (HERE / name).write_bytes(bom + data)


# A Superstore-like Excel export: cp1252, CRLF, US dates, "$1,234.50" money, negative
# profits in parentheses, percentages, zip codes with leading zeros, a product name with
# an embedded comma and quotes, accented customer names, an empty trailing column.
SUPERSTORE = """\
Row ID,Order ID,Order Date,Ship Date,Customer Name,Segment,Postal Code,Region,Category,Sub-Category,Product Name,Sales,Quantity,Discount,Profit,
1,CA-2017-152156,11/8/17,11/11/17,Claire Gute,Consumer,42420,South,Furniture,Bookcases,Bush Somerset Collection Bookcase,$261.96,2,0%,$41.91,
2,CA-2017-152156,11/8/17,11/11/17,Claire Gute,Consumer,42420,South,Furniture,Chairs,"Hon Deluxe Fabric Upholstered Stacking Chairs, Rounded Back",$731.94,3,0%,$219.58,
3,CA-2017-138688,6/12/17,6/16/17,Darrin Van Huff,Corporate,90036,West,Office Supplies,Labels,"Self-Adhesive Address Labels for Typewriters by Universal",$14.62,2,0%,$6.87,
4,US-2016-108966,10/11/16,10/18/16,Seán O'Donnell,Consumer,33311,South,Furniture,Tables,"Bretford CR4500 Series Slim Rectangular Table",$957.58,5,45%,($383.03),
5,US-2016-108966,10/11/16,10/18/16,Seán O'Donnell,Consumer,33311,South,Office Supplies,Storage,"Eldon Fold 'N Roll Cart System",$22.37,2,20%,$2.52,
6,CA-2015-115812,6/9/15,6/14/15,Brosina Hoffman,Consumer,02134,East,Furniture,Furnishings,"Eldon Expressions Wood and Plastic Desk Accessories, Cherry Wood",$48.86,7,0%,$14.17,
7,CA-2015-115812,6/9/15,6/14/15,Zoë Müller,Home Office,07030,East,Technology,Phones,"Mitel 5320 IP Phone ""VoIP"" phone",$1,907.15,6,20%,$90.72,
8,CA-2015-115812,12/30/17,1/4/18,José Peña,Consumer,90032,West,Technology,Accessories,Logitech Wireless Mouse – M325,"$1,234.50",3,10%,($12.30),
9,CA-2018-114412,4/15/18,4/20/18,Andrew Allen,Consumer,28027,South,Office Supplies,Paper,Xerox 1967,$15.55,-,20%,$5.44,
10,CA-2016-161389,12/5/16,12/10/16,Irene Maddox,Consumer,98103,West,Office Supplies,Binders,"Fellowes PB200 Plastic Comb Binding Machine",$407.98,NA,20%,$132.59,
"""
SUPERSTORE = SUPERSTORE.replace(",$1,907.15,", ',"$1,907.15",')

# A European Excel export: UTF-8 with BOM, semicolons, decimal commas, euro amounts,
# day-first dates, a title line above the header and a percentage column.
EUROPEAN = """\
Umsatzbericht 2017 (Export vom 02.01.2018)
Datum;Filiale;Umsatz (€);Menge;Rabatt;Marge
30.12.2017;Köln;€ 1.234,50;12;5,5%;0,25
29.12.2017;Düsseldorf;€ 987,00;7;0%;0,31
28.12.2017;Köln;€ 12.345,67;120;10%;-0,05
13.11.2017;Münster;1.000,00 €;10;;0,12
01.02.2017;Köln;€ 5,25;1;2,5%;0,5
"""

# A latin-1 export with ISO dates, a year column, identifiers that must stay text, plain
# negative numbers and every common spelling of "missing".
LATIN1 = """\
id,year,date,city,population,growth,score,account
A001,2015,2015-12-30,Bogotá,7878783,1.5%,-3.25,0012345
A002,2016,2016-12-30,São Paulo,12038175,-0.8%,NA,0012346
A003,2017,2017-12-30,Montréal,1704694,,4.5,0012347
A004,2018,2018-12-30,Zürich,415367,2.1%,-,0012348
A005,2019,2019-12-30,Málaga,571026,0.4%,7,0012349
A006,2020,,Reykjavík,131136,n/a,1e3,0012350
"""

# Quoted fields holding commas, doubled quotes and line breaks; a header with odd spacing.
MULTILINE = '''\
 Ticket ID , Opened ,Comment,  Amount
1,2024-01-05,"Customer says: ""the box, it was empty""",10.5
2,2024-01-06,"Line one
line two, with a comma",-2
3,2024-01-07,plain,"1,000"
4,2024-01-08,"",3
'''

# A row with one field too many (an unquoted thousands separator) on line 4.
RAGGED = """\
order,customer,amount
1,Ann,12.50
2,Bob,7.25
3,Cid,1,250.00
4,Dee,3.00
"""

# A quote opened on line 3 and never closed.
UNTERMINATED = """\
name,comment
a,fine
b,"never closed
c,more
"""

# Excel's "Unicode Text": UTF-16 with a BOM, tab separated.
UTF16 = "product\tprice\tsold\nCafé\t3.5\t10\nThé\t2.25\t4\n"


def main() -> None:
    write("superstore_cp1252.csv", SUPERSTORE, "cp1252", "\r\n")
    write("european_bom_semicolon.csv", EUROPEAN, "utf-8", bom=codecs.BOM_UTF8)
    write("latin1_iso_dates.csv", LATIN1, "latin-1")
    write("multiline_quoted.csv", MULTILINE)
    write("ragged_row.csv", RAGGED)
    write("unterminated_quote.csv", UNTERMINATED)
    write("excel_unicode_text.txt", UTF16, "utf-16-le", bom=codecs.BOM_UTF16_LE)


if __name__ == "__main__":
    main()
