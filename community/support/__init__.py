"""Support requests (hulpvraag): an organisation that wants to start asks someone from the field.

Report section 6.3: not a consultancy, but an ambassador who has done it, and who also connects
the organisation to the Community.
"""
