"""Every message pledgekit shows, in English and Chinese: issues (``issues``) and refusals (``refusals``)."""
