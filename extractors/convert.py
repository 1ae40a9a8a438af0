def read_doc(path, options):
    raise NotImplementedError
read_wps = read_doc
